// Enhances the tip form where scripts run: a count of the characters left, and previews of the
// chosen photos. The form works fully without this file; it never changes what is sent.
(function () {
    'use strict';

    function counter(field) {
        var max = parseInt(field.getAttribute('maxlength'), 10);
        var note = document.createElement('p');
        note.className = 'char-count';
        note.id = field.id + '-count';
        // Polite, and only on the field being typed in: a screen reader hears it when it pauses.
        note.setAttribute('aria-live', 'polite');
        field.insertAdjacentElement('afterend', note);
        var described = field.getAttribute('aria-describedby');
        field.setAttribute('aria-describedby', (described ? described + ' ' : '') + note.id);
        function update() {
            var left = max - field.value.length;
            note.textContent = left === 1 ? '1 character left' : left.toLocaleString('en-GB') + ' characters left';
            note.classList.toggle('over', left < Math.min(20, max / 10));
        }
        field.addEventListener('input', update);
        update();
    }

    // Says at once what the server would refuse, so nobody waits for an upload that cannot succeed.
    function warning(input) {
        var maxCount = parseInt(input.getAttribute('data-max-count'), 10);
        var maxBytes = parseInt(input.getAttribute('data-max-bytes'), 10);
        var tooBig = Array.prototype.filter.call(input.files, function (file) { return file.size > maxBytes; })
            .map(function (file) { return '“' + file.name + '”'; });
        if (input.files.length > maxCount) {
            return 'You chose ' + input.files.length + ' photos; you can send up to ' + maxCount + '.';
        }
        if (tooBig.length) {
            return tooBig.join(', ') + (tooBig.length === 1 ? ' is' : ' are') + ' larger than '
                + Math.round(maxBytes / 1048576) + ' MB. Please choose a smaller copy.';
        }
        return '';
    }

    function previews(input, list, note) {
        var urls = [];
        input.addEventListener('change', function () {
            note.textContent = warning(input);
            urls.forEach(URL.revokeObjectURL);
            urls = [];
            list.textContent = '';
            Array.prototype.forEach.call(input.files, function (file) {
                var item = document.createElement('li');
                if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
                    var image = document.createElement('img');
                    var url = URL.createObjectURL(file);
                    urls.push(url);
                    image.src = url;
                    image.alt = 'Preview of ' + file.name;
                    item.appendChild(image);
                }
                var name = document.createElement('span');
                name.textContent = file.name;
                item.appendChild(name);
                list.appendChild(item);
            });
            list.hidden = input.files.length === 0;
        });
    }

    document.querySelectorAll('[data-count]').forEach(counter);
    var photos = document.getElementById('photos');
    var list = document.getElementById('photo-previews');
    var note = document.getElementById('photo-warning');
    if (photos && list && note) {
        previews(photos, list, note);
    }
})();
