package org.newsdesk.publishing;

import java.time.Instant;
import java.util.UUID;
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

    public static TipDecided approved(String tipId, SeedStory seed) {
        return approved(tipId, seed.headline(), seed.body());
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
