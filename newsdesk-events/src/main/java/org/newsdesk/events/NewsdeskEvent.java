package org.newsdesk.events;

import java.time.Instant;
import java.util.UUID;

/** What every Newsdesk event carries, whatever it says. */
public sealed interface NewsdeskEvent
        permits TipSubmitted, TipWithdrawn, ContactErased, TipDecided, StoryPublished, StoryCorrected, StoryRetracted {

    /** Unique per event; a redelivered message carries the same id. */
    UUID eventId();

    /** Version of this event's JSON Schema; consumers reject versions they do not know. */
    int schemaVersion();

    Instant occurredAt();

    /** The Kafka key: everything about one tip shares it. */
    String tipId();

    /**
     * The revision of the record this event was made from, counted by the service that owns the
     * record (the submitted tip, the moderated tip, the story), from 1. A consumer applies an event
     * only if it is newer than what it holds from the same record, so replays and reordered
     * deliveries change nothing, and a record may move backwards (a retraction) as well as forwards.
     */
    long revision();

    /**
     * Events written before revisions existed carry none and count as the record's first revision:
     * each of those records emitted exactly one event.
     */
    static long firstRevisionIfMissing(long revision) {
        return revision < 1 ? 1 : revision;
    }
}
