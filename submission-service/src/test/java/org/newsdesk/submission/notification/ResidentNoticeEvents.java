package org.newsdesk.submission.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.submission.TipJson;

/** Tips whose residents may be emailed, and the moderators' and editors' events about them. */
final class ResidentNoticeEvents {

    private ResidentNoticeEvents() {}

    /** A tip from a resident with an address of their own, who agreed (or not) to be contacted. */
    static Map<String, Object> tipFrom(String email, boolean consent) {
        Map<String, Object> tip = TipJson.with("email", email);
        tip.put("contactConsent", consent);
        return tip;
    }

    /** An address no other test writes to, so each test counts only its own emails. */
    static String uniqueAddress() {
        return "resident-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static TipDecided decided(String tipId, TipDecided.Outcome outcome, String reason, String duplicateOf) {
        Instant now = now();
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now,
                tipId,
                2,
                outcome,
                "Flooding on Station Road",
                "Station Road in Long Eaton is under water.",
                "Long Eaton",
                "Environment",
                reason,
                "moderator",
                now,
                null,
                List.of(),
                duplicateOf,
                null);
    }

    static StoryPublished published(String tipId) {
        Instant now = now();
        return new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                now,
                tipId,
                1,
                "flooding-" + tipId,
                "Flooding on Station Road",
                storyUrl(tipId),
                now);
    }

    static String storyUrl(String tipId) {
        return "http://localhost:8083/stories/flooding-" + tipId;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
