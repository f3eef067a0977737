package org.newsdesk.submission.limit;

import java.time.Duration;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's per-client limits, each keyed by {@link ClientAddresses#pseudonym}: no address is
 * ever held. Only a web server has clients (a rebuild run has none).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RateLimitConfiguration {

    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * Clients remembered at most, far more than send tips or look up receipts in an hour; past it
     * the longest unseen are forgotten first, so a flood from countless addresses costs bounded memory.
     */
    private static final long MOST_CLIENTS = 100_000;

    /** Tips per client per hour, whether sent from the form or the API. */
    @Bean
    RateLimit tipRateLimit(SubmissionProperties properties) {
        return new RateLimit(properties.tipRateLimit(), HOUR, MOST_CLIENTS);
    }

    /** Receipt codes per client per hour that were looked up and found nothing. */
    @Bean
    RateLimit receiptGuessLimit(SubmissionProperties properties) {
        return new RateLimit(properties.receiptGuesses(), HOUR, MOST_CLIENTS);
    }
}
