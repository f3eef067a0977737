package org.newsdesk.publishing;

import java.time.Instant;
import java.util.UUID;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;

/** Moderators' decisions as the moderation service would send them. */
public final class Decisions {

    private Decisions() {}

    public static String newTipId() {
        return UUID.randomUUID().toString();
    }

    /** What moderation-service gives a tip it decided: received at revision 1, decided at 2. */
    public static final long DECIDED_REVISION = 2;

    public static TipDecided approved(String tipId, String headline, String body) {
        return approved(tipId, headline, body, Instant.now());
    }

    public static TipDecided approved(String tipId, String headline, String body, Instant decidedAt) {
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                decidedAt,
                tipId,
                DECIDED_REVISION,
                TipDecided.Outcome.APPROVED,
                headline,
                body,
                "Erewash",
                "Crime and policing",
                null,
                "moderator",
                decidedAt);
    }

    /** The same tip decided again (a moderator's edit after publication): its next revision, new words. */
    public static TipDecided decidedAgain(TipDecided decided, String headline, String body) {
        Instant now = Instant.now();
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now,
                decided.tipId(),
                decided.revision() + 1,
                decided.outcome(),
                headline,
                body,
                decided.area(),
                decided.category(),
                null,
                "moderator",
                now);
    }

    public static TipDecided approved(String tipId, SeedStory seed) {
        return approved(tipId, seed.headline(), seed.body());
    }

    /** What moderation-service gives a story's first correction: the revision after the decision. */
    public static StoryCorrected corrected(
            String tipId, long revision, String headline, String body, String note, Instant at) {
        return new StoryCorrected(
                UUID.randomUUID(),
                StoryCorrected.SCHEMA_VERSION,
                at,
                tipId,
                revision,
                headline,
                body,
                note,
                "editor",
                at);
    }

    public static StoryRetracted retracted(String tipId, long revision, String reason, Instant at) {
        return new StoryRetracted(
                UUID.randomUUID(), StoryRetracted.SCHEMA_VERSION, at, tipId, revision, reason, "editor", at);
    }

    /** An approval that says when the resident sent the tip. */
    public static TipDecided approved(
            String tipId, String headline, String body, Instant submittedAt, Instant decidedAt) {
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                decidedAt,
                tipId,
                DECIDED_REVISION,
                TipDecided.Outcome.APPROVED,
                headline,
                body,
                "Erewash",
                "Crime and policing",
                null,
                "moderator",
                decidedAt,
                null,
                java.util.List.of(),
                null,
                null,
                submittedAt);
    }

    public static TipDecided rejected(String tipId) {
        Instant now = Instant.now();
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now,
                tipId,
                DECIDED_REVISION,
                TipDecided.Outcome.REJECTED,
                "Something I heard",
                "Unverified rumour",
                "Ilkeston",
                null,
                "We could not verify this.",
                "moderator",
                now);
    }
}
