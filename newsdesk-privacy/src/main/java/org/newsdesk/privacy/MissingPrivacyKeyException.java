package org.newsdesk.privacy;

/** The service was started with no master key to seal contact details with, or with one that is not a key. */
public class MissingPrivacyKeyException extends IllegalStateException {

    MissingPrivacyKeyException(String message) {
        super(message);
    }
}
