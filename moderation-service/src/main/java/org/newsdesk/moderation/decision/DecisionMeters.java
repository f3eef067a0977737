package org.newsdesk.moderation.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.springframework.stereotype.Component;

/**
 * {@code newsdesk.decisions}, by outcome and decline reason (a configured reason's code, or
 * {@code none}: never the words a moderator typed), and {@code newsdesk.tips.decision.wait}, how
 * long tips waited from the resident's submission to their decision. A held tip's later decision
 * counts from its submission too: the resident has been waiting all along.
 */
@Component
class DecisionMeters {

    static final String NO_REASON = "none";

    private final MeterRegistry registry;

    DecisionMeters(MeterRegistry registry, ModerationProperties settings) {
        this.registry = registry;
        // Every series from the start, at zero: Prometheus sees no increase in a series that first appears at 1.
        for (Outcome outcome : Outcome.values()) {
            decisions(outcome, NO_REASON);
            waited(outcome);
        }
        settings.declineReasons().forEach(reason -> decisions(Outcome.REJECTED, reason.code()));
    }

    void decided(ModeratedTip tip) {
        Decision decision = tip.decision();
        decisions(decision.outcome(), decision.reasonCode() == null ? NO_REASON : decision.reasonCode())
                .increment();
        Duration waited = Duration.between(tip.submission().submittedAt(), decision.decidedAt());
        if (!waited.isNegative()) {
            waited(decision.outcome()).record(waited);
        }
    }

    private Counter decisions(Outcome outcome, String reason) {
        return Counter.builder("newsdesk.decisions")
                .description("Moderators' decisions, by outcome and configured decline reason")
                .tag("outcome", tag(outcome))
                .tag("reason", reason)
                .register(registry);
    }

    private Timer waited(Outcome outcome) {
        return Timer.builder("newsdesk.tips.decision.wait")
                .description("How long tips waited from their submission to their decision")
                .tag("outcome", tag(outcome))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(7))
                .register(registry);
    }

    private static String tag(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
