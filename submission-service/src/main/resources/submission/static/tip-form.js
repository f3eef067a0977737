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

    function previews(input, list) {
        var urls = [];
        input.addEventListener('change', function () {
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
    if (photos && list) {
        previews(photos, list);
    }
})();
