package org.newsdesk.launcher;

/**
 * The launcher's environment asks for something it cannot do. Its reason is written here, from the
 * environment's own variables, for the person starting Newsdesk: the one failure whose words the
 * log may print, as nothing a resident sent can be in them.
 */
final class SettingsRefused extends IllegalStateException {

    private final String reason;

    SettingsRefused(String reason) {
        super(reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
