package org.newsdesk.moderation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.SealedContact;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.queue.QueueChanges;
import org.newsdesk.moderation.tip.ModeratedTips;
import reactor.core.publisher.Flux;

/** Tips as residents send them, taken from the two real stories in the shared seeds. */
public final class TestTips {

    public static final String POLICE_PLAN_HEADLINE = "Significant progress against Police and Crime Plan";
    public static final String POLICE_PLAN_BODY = "Angelique Foster, Derbyshire Police and Crime Commissioner, has "
            + "praised Derbyshire Constabulary for its work to fight crime and build public trust, in line with "
            + "the key priorities in her Police and Crime Plan. The force has now recruited its full target of "
            + "283 additional officers, six months ahead of the deadline.";

    public static final String VICTIM_SUPPORT_HEADLINE =
            "Police and Crime Commissioner welcomes continuous progress in victim support";
    public static final String VICTIM_SUPPORT_BODY = "Derbyshire Police and Crime Commissioner Angelique Foster "
            + "has welcomed the latest report from Derbyshire Constabulary highlighting the positive results of "
            + "her focus on enhancing victim support and preventing reoffending.";

    private TestTips() {}

    public static String newTipId() {
        return UUID.randomUUID().toString();
    }

    public static TipSubmitted policePlan(String tipId) {
        return policePlan(tipId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static TipSubmitted policePlan(String tipId, Instant submittedAt) {
        return TipSubmitted.of(
                tipId, digest(), POLICE_PLAN_HEADLINE, POLICE_PLAN_BODY, "Erewash", "crime", null, submittedAt);
    }

    public static TipSubmitted victimSupport(String tipId, Instant submittedAt) {
        return TipSubmitted.of(
                tipId,
                digest(),
                VICTIM_SUPPORT_HEADLINE,
                VICTIM_SUPPORT_BODY,
                "Derbyshire",
                "community",
                new TipSubmitted.Contact("Sam Resident", "sam@example.org", null),
                submittedAt);
    }

    /** A tip as residents send it now: contact details sealed (by the test's vault, as submission-service seals them). */
    public static TipSubmitted sealed(String tipId, String area, SealedContact contact, List<PhotoReference> photos) {
        return TipSubmitted.sealed(
                tipId,
                digest(),
                VICTIM_SUPPORT_HEADLINE,
                VICTIM_SUPPORT_BODY,
                area,
                "community",
                contact,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null,
                true,
                photos);
    }

    /** A tip without contact details, sent now, from this area about this category. */
    public static TipSubmitted about(String headline, String body, String area, String category) {
        return TipSubmitted.of(
                newTipId(),
                digest(),
                headline,
                body,
                area,
                category,
                null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Any 64 hex digits will do: moderation never looks at it. */
    private static String digest() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    /** Moderation's own approval of the tip, as it goes on the decisions' topic (never on the residents'). */
    public static TipDecided approval(String tipId) {
        TipSubmitted template = policePlan(tipId);
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                Instant.now(),
                tipId,
                2,
                TipDecided.Outcome.APPROVED,
                template.headline(),
                template.body(),
                template.area(),
                template.category(),
                null,
                ModerationIntegrationTest.MODERATOR,
                Instant.now());
    }

    /**
     * Withdraws these tips and tells the queue, so that a test that queues hundreds leaves the queue
     * the other tests share (and read a page of 500 at a time) as small as it found it.
     */
    public static void withdrawAll(ModeratedTips tips, QueueChanges changes, List<String> tipIds) {
        Flux.fromIterable(tipIds)
                .concatMap(tipId -> tips.withdraw(tipId, Long.MAX_VALUE, Instant.now(), "test-" + UUID.randomUUID()))
                .then(changes.record(tipIds, "withdrawn"))
                .block(Duration.ofSeconds(60));
    }
}
