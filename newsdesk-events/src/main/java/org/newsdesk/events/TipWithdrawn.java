package org.newsdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The resident withdrew a tip nobody had decided yet: it leaves the moderators' queue and is never
 * published. Topic {@code newsdesk.tips.submitted}, after the tip it withdraws. A decision that
 * reached the tip first stands: the moderation service, which owns decisions, tells which came first.
 *
 * @param revision    the submitted tip's revision, in the same sequence as its {@link TipSubmitted}
 * @param withdrawnAt when the resident asked
 */
public record TipWithdrawn(
        UUID eventId, int schemaVersion, Instant occurredAt, String tipId, long revision, Instant withdrawnAt)
        implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.tip-withdrawn";
    public static final int SCHEMA_VERSION = 1;

    public TipWithdrawn {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }

    public static TipWithdrawn of(String tipId, long revision, Instant withdrawnAt) {
        return new TipWithdrawn(UUID.randomUUID(), SCHEMA_VERSION, withdrawnAt, tipId, revision, withdrawnAt);
    }
}
