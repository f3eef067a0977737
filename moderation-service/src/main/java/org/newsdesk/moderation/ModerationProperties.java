package org.newsdesk.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the moderation service under {@code newsdesk.moderation}.
 *
 * @param queue          how much of the queue one request shows
 * @param claims         how long a moderator's claim on a tip lasts
 * @param declineReasons the reasons a moderator picks from to decline a tip, in the order offered
 */
@ConfigurationProperties("newsdesk.moderation")
public record ModerationProperties(Queue queue, Claims claims, List<DeclineReason> declineReasons) {

    public ModerationProperties {
        queue = queue == null ? new Queue(null, null) : queue;
        claims = claims == null ? new Claims(null) : claims;
        declineReasons = declineReasons == null || declineReasons.isEmpty() ? DeclineReason.DEFAULTS
                : List.copyOf(declineReasons);
    }

    public Optional<DeclineReason> declineReason(String code) {
        return declineReasons.stream().filter(reason -> reason.code().equals(code)).findFirst();
    }

    /**
     * @param maxItems  the most tips one page shows; a bound so that a flood of tips cannot make
     *                  one request load the whole collection
     * @param pageItems the tips one page shows when the client does not say
     */
    public record Queue(Integer maxItems, Integer pageItems) {

        public Queue {
            maxItems = maxItems == null ? 500 : maxItems;
            pageItems = pageItems == null ? Math.min(50, maxItems) : Math.min(pageItems, maxItems);
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
                new DeclineReason("not-enough-detail",
                        "We could not tell what happened from what you sent, and could not find out more."),
                new DeclineReason("cannot-verify", "We could not confirm it with a second source."),
                new DeclineReason("not-news", "We do not think it is news for our readers right now."),
                new DeclineReason("unsafe", "It names or could harm people who have a right to privacy."));
    }
}
