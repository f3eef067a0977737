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
        var maxBytes = parseInt(input.getAttribute('data-max-bytes'), 10);
        var file = input.files[0];
        if (file && file.size > maxBytes) {
            return '“' + file.name + '” is larger than ' + Math.round(maxBytes / 1048576)
                + ' MB. Please choose a smaller copy.';
        }
        return '';
    }

    // Each photo slot shows the photo chosen in it.
    function preview(input) {
        var list = document.getElementById(input.id + '-preview');
        var note = document.getElementById(input.id + '-warning');
        var url = null;
        if (!list || !note) {
            return;
        }
        input.addEventListener('change', function () {
            note.textContent = warning(input);
            if (url) {
                URL.revokeObjectURL(url);
                url = null;
            }
            list.textContent = '';
            var file = input.files[0];
            if (file) {
                var item = document.createElement('li');
                if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
                    var image = document.createElement('img');
                    url = URL.createObjectURL(file);
                    image.src = url;
                    image.alt = 'Preview of ' + file.name;
                    item.appendChild(image);
                }
                var name = document.createElement('span');
                name.textContent = file.name;
                item.appendChild(name);
                list.appendChild(item);
            }
            list.hidden = !file;
        });
    }

    document.querySelectorAll('[data-count]').forEach(counter);
    document.querySelectorAll('input[type=file][data-max-bytes]').forEach(preview);
})();
