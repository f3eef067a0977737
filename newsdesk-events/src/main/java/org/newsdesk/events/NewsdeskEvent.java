package org.newsdesk.events;

import java.time.Instant;
import java.util.UUID;

/** What every Newsdesk event carries, whatever it says. */
public sealed interface NewsdeskEvent permits TipSubmitted, TipDecided, StoryPublished {

    /** Unique per event; a redelivered message carries the same id. */
    UUID eventId();

    /** Version of this event's JSON Schema; consumers reject versions they do not know. */
    int schemaVersion();

    Instant occurredAt();

    /** The Kafka key: everything about one tip shares it. */
    String tipId();
}
