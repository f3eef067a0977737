package org.newsdesk.moderation.security;

/** The service was started without a moderator password where it must not guess one. */
class MissingModeratorPasswordException extends IllegalStateException {

    MissingModeratorPasswordException(String message) {
        super(message);
    }

    MissingModeratorPasswordException() {
        super("No moderator password is configured: set the environment variable NEWSDESK_MODERATOR_PASSWORD "
                + "(property newsdesk.moderator.password). The moderation service refuses to start without it.");
    }
}
