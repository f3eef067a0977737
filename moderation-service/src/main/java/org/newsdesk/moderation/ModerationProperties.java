package org.newsdesk.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.newsdesk.web.OutletChoices;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the moderation service under {@code newsdesk.moderation}.
 *
 * @param queue          how much of the queue one request shows, and how the queue's order is kept
 * @param live           how the live queue learns of changes made on other instances
 * @param claims         how long a moderator's claim on a tip lasts
 * @param declineReasons the reasons a moderator picks from to decline a tip, in the order offered
 * @param areas          the places the outlet covers, as residents choose them on the form
 *                       ({@code NEWSDESK_AREAS}, which submission-service reads too): the queue's area filter
 * @param categories     what a tip may be about, likewise ({@code NEWSDESK_CATEGORIES})
 */
@ConfigurationProperties("newsdesk.moderation")
public record ModerationProperties(
        Queue queue,
        Live live,
        Claims claims,
        List<DeclineReason> declineReasons,
        List<String> areas,
        List<String> categories) {
    public ModerationProperties {
        queue = queue == null ? new Queue(null, null) : queue;
        live = live == null ? new Live(null) : live;
        claims = claims == null ? new Claims(null) : claims;
        declineReasons = declineReasons == null || declineReasons.isEmpty()
                ? DeclineReason.DEFAULTS
                : List.copyOf(declineReasons);
        areas = filledOr(areas, OutletChoices.DEFAULT_AREAS);
        categories = filledOr(categories, OutletChoices.DEFAULT_CATEGORIES);
    }

    /** An environment variable that is not set comes through as nothing or as one empty item. */
    private static List<String> filledOr(List<String> items, List<String> defaults) {
        List<String> filled = items == null
                ? List.of()
                : items.stream()
                        .filter(item -> item != null && !item.isBlank())
                        .map(String::strip)
                        .toList();
        return filled.isEmpty() ? defaults : filled;
    }

    public Optional<DeclineReason> declineReason(String code) {
        return declineReasons.stream()
                .filter(reason -> reason.code().equals(code))
                .findFirst();
    }

    /**
     * @param pageItems      the tips one page shows when the client does not say; at most {@value #MOST_ITEMS}
     * @param resyncInterval how often each instance reads the whole queue into its in-memory order
     *                       again, for changes that reached MongoDB without a notice (a crash between
     *                       the two writes, a rebuild). Rare, because on a store without secondary
     *                       indexes that read goes through every tip the archive holds (it ran every 30 s,
     *                       so an idle service's cost grew with the archive). Changes made with
     *                       a notice, by any instance, reach the order within a poll of the notices.
     */
    public record Queue(Integer pageItems, Duration resyncInterval) {

        /** The most tips one page shows: a bound so that a flood of tips cannot make one request load them all. */
        public static final int MOST_ITEMS = 500;

        public Queue {
            pageItems = pageItems == null ? 50 : Math.min(pageItems, MOST_ITEMS);
            resyncInterval = resyncInterval == null ? Duration.ofMinutes(5) : resyncInterval;
        }
    }

    /**
     * @param pollInterval how often each instance looks for changes to the queue made anywhere, to
     *                     tell the browsers connected to it; its own changes it tells at once
     */
    public record Live(Duration pollInterval) {

        public Live {
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        }
    }

    /** @param lease how long a claim holds unless renewed; the tip page renews it while open */
    public record Claims(Duration lease) {

        public Claims {
            lease = lease == null ? Duration.ofMinutes(5) : lease;
        }
    }

    /**
     * @param code    stable, for the event and for statistics
     * @param wording what the resident reads on their status page
     */
    public record DeclineReason(String code, String wording) {

        static final List<DeclineReason> DEFAULTS = List.of(
                new DeclineReason("not-local", "It is not about our area, so it is not for us to report."),
                new DeclineReason(
                        "not-enough-detail",
                        "We could not tell what happened from what you sent, and could not find out more."),
                new DeclineReason("cannot-verify", "We could not confirm it with a second source."),
                new DeclineReason("not-news", "We do not think it is news for our readers right now."),
                new DeclineReason("unsafe", "It names or could harm people who have a right to privacy."));
    }
}
