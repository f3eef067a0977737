package org.newsdesk.messaging;

/**
 * An event that no retry can ever make processable (an unknown schema version, a missing field):
 * it goes straight to the dead-letter topic.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }
}
