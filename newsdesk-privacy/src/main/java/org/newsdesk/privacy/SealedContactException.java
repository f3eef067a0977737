package org.newsdesk.privacy;

/**
 * Sealed contact details could not be sealed or opened for a reason other than erasure: a master
 * key this service was not given, or bytes that do not open with their key. Its message names the
 * tip, never a detail.
 */
public class SealedContactException extends IllegalStateException {

    SealedContactException(String message) {
        super(message);
    }

    SealedContactException(String message, Throwable cause) {
        super(message, cause);
    }
}
