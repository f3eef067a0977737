package org.newsdesk.messaging;

import org.newsdesk.events.NewsdeskEvent;

/**
 * An event that no retry can ever make processable (an unknown schema version, a missing field):
 * it goes straight to the dead-letter topic.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }

    /**
     * Every listener's first check: an event of a schema version this service was not written for
     * could mean anything, so it is parked rather than half understood.
     */
    public static void requireSchemaVersion(NewsdeskEvent event, int understood) {
        if (event.schemaVersion() != understood) {
            throw new UnprocessableEventException(event.getClass().getSimpleName() + " " + event.eventId()
                    + " for tip " + event.tipId() + " has schema version " + event.schemaVersion()
                    + "; this service understands version " + understood);
        }
    }
}
