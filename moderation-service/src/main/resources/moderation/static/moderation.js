// Progressive enhancement for the moderators' pages: every action also works as a plain form.
// Adds keyboard shortcuts, keeps the claim on an open tip alive, and keeps the queue up to date live.
(function () {
    'use strict';

    function typing(event) {
        var target = event.target;
        return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    }

    function csrf() {
        var input = document.querySelector('input[name="_csrf"]');
        return input ? input.value : null;
    }

    function queuePage() {
        var rows = document.getElementById('queue-rows');
        var selected = -1;

        function links() {
            return Array.prototype.slice.call(document.querySelectorAll('#queue-rows .tip-link'));
        }

        function select(index) {
            var all = links();
            if (all.length === 0) {
                return;
            }
            selected = Math.max(0, Math.min(all.length - 1, index));
            all[selected].focus();
        }

        document.addEventListener('keydown', function (event) {
            if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) {
                return;
            }
            var current = links().indexOf(document.activeElement);
            if (current >= 0) {
                selected = current;
            }
            if (event.key === 'j') {
                select(selected + 1);
                event.preventDefault();
            } else if (event.key === 'k') {
                select(selected - 1);
                event.preventDefault();
            } else if (event.key === 'o' && selected >= 0) {
                links()[selected].click();
                event.preventDefault();
            } else if (event.key === '/') {
                document.getElementById('area').focus();
                event.preventDefault();
            }
        });

        // Live: the server says when the queue changed; the page asks for its list again, rendered
        // (and escaped) by the server exactly as on a reload. Only the first page follows along:
        // further pages would shift under the moderator's eyes.
        if (!window.EventSource || new URLSearchParams(location.search).has('cursor')) {
            return;
        }
        var status = document.getElementById('live-status');
        var source = new EventSource('/queue/events');
        var refreshing = false;
        var again = false;

        function refresh() {
            if (refreshing) {
                again = true;
                return;
            }
            refreshing = true;
            var params = new URLSearchParams(location.search);
            params.delete('done');
            params.set('rows', '1');
            fetch(location.pathname + '?' + params.toString(), {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error('queue ' + response.status);
                    }
                    return response.text();
                })
                .then(function (html) {
                    var focusedId = document.activeElement && document.activeElement.closest
                        && document.activeElement.closest('[data-tip-id]')
                        ? document.activeElement.closest('[data-tip-id]').getAttribute('data-tip-id') : null;
                    var holder = document.createElement('div');
                    holder.innerHTML = html;
                    var fresh = holder.querySelector('#queue-rows');
                    if (fresh) {
                        rows.replaceWith(fresh);
                        rows = fresh;
                        document.querySelector('#waiting-count strong').textContent = fresh.getAttribute('data-waiting');
                        document.querySelector('#waiting-count span').textContent = fresh.getAttribute('data-waiting-label');
                        if (focusedId) {
                            var refocus = fresh.querySelector('[data-tip-id="' + focusedId + '"] .tip-link');
                            if (refocus) {
                                refocus.focus();
                            }
                        }
                    }
                })
                .catch(function () { /* the next change or reconnect tries again */ })
                .finally(function () {
                    refreshing = false;
                    if (again) {
                        again = false;
                        refresh();
                    }
                });
        }

        source.addEventListener('queue', refresh);
        source.addEventListener('open', function () {
            status.hidden = true;
            refresh();
        });
        source.addEventListener('error', function () {
            status.textContent = 'Reconnecting to live updates…';
            status.hidden = false;
        });
    }

    function tipPage() {
        var body = document.body;
        var tipId = body.getAttribute('data-tip-id');
        var mine = body.getAttribute('data-mine') === 'true';
        var lease = parseInt(body.getAttribute('data-lease-seconds'), 10) || 300;

        document.addEventListener('keydown', function (event) {
            if (event.key === 'Escape' && typing(event)) {
                event.target.blur();
                return;
            }
            if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) {
                return;
            }
            var target = {e: 'headline', a: 'approve', d: 'reasonCode', h: 'note'}[event.key];
            if (target && document.getElementById(target)) {
                document.getElementById(target).focus();
                event.preventDefault();
            } else if (event.key === 'Escape') {
                var release = document.getElementById('release');
                if (release) {
                    release.click();
                } else {
                    document.getElementById('back-to-queue').click();
                }
                event.preventDefault();
            }
        });

        // Pressing Enter in the reason or note field submits the matching outcome, not Approve
        // (the form's first button).
        [['reason', 'decline'], ['reasonCode', 'decline'], ['note', 'hold'], ['duplicateOf', 'duplicate']]
            .forEach(function (pair) {
                var field = document.getElementById(pair[0]);
                if (field) {
                    field.addEventListener('keydown', function (event) {
                        if (event.key === 'Enter') {
                            event.preventDefault();
                            document.getElementById(pair[1]).click();
                        }
                    });
                }
            });

        if (!mine || !tipId) {
            return;
        }
        // Keep the claim while the page is open: renew at half the lease.
        var renewals = document.querySelectorAll('.renew-form');
        renewals.forEach(function (form) { form.hidden = true; });
        setInterval(function () {
            fetch('/tips/' + encodeURIComponent(tipId) + '/claim', {
                method: 'POST',
                credentials: 'same-origin',
                headers: {'Accept': 'application/json', 'X-CSRF-TOKEN': csrf()}
            }).then(function (response) {
                if (!response.ok) {
                    var status = document.getElementById('claim-status');
                    if (status) {
                        status.textContent = 'Your claim on this tip has ended: reload the page to see who has it.';
                        status.className = 'notice error';
                    }
                }
            });
        }, Math.max(5, lease / 2) * 1000);
    }

    document.addEventListener('DOMContentLoaded', function () {
        if (document.body.classList.contains('queue-page')) {
            queuePage();
        } else if (document.body.classList.contains('tip-page')) {
            tipPage();
        }
    });
}());
