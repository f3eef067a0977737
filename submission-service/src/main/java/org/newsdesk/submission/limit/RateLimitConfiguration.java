package org.newsdesk.submission.limit;

import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.web.ClientAddresses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's per-client limits; only a web server has clients (a rebuild run has none). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RateLimitConfiguration {

    /** Tips per client per hour, whether sent from the form or the API. */
    @Bean
    ClientRateLimit tipRateLimit(SubmissionProperties properties, ClientAddresses clients) {
        return new ClientRateLimit(properties.tipRateLimit(), clients);
    }

    /** Receipt codes per client per hour that were looked up and found nothing. */
    @Bean
    ClientRateLimit receiptGuessLimit(SubmissionProperties properties, ClientAddresses clients) {
        return new ClientRateLimit(properties.receiptGuesses(), clients);
    }
}
