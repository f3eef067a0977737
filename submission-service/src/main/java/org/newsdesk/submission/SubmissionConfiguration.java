package org.newsdesk.submission;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.newsdesk.submission.photo.PhotoProperties;
import org.newsdesk.submission.privacy.RetentionProperties;
import org.newsdesk.web.time.OutletTime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    SubmissionProperties.class,
    OutletProperties.class,
    PhotoProperties.class,
    RetentionProperties.class
})
class SubmissionConfiguration {

    /** What the service reads the time from: a test moves it forward to see retention periods run out. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * "Today", for a rule such as "not in the future", is the outlet's day, read from the service's
     * clock: a resident in the outlet's evening is not told their today is tomorrow (UTC), and a
     * test that moves the clock moves today with it. Only where there is a web server, as requests
     * are what is validated (a rebuild run has neither, nor the outlet's time).
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    ValidationConfigurationCustomizer outletToday(Clock clock, OutletTime outletTime) {
        return configuration -> configuration.clockProvider(() -> new OutletClock(clock, outletTime.zone()));
    }

    /** The service's clock, read in the outlet's zone. */
    private static final class OutletClock extends Clock {

        private final Clock clock;
        private final ZoneId zone;

        OutletClock(Clock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new OutletClock(clock, other);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }

    /**
     * A tip's photos are held in memory while they are checked and cleaned, never written to a
     * temporary file with their metadata. No part is larger than the whole request may be
     * ({@link RequestSizeLimit}), so every part fits in memory and nothing reaches the disk.
     * Applied after Boot's own multipart settings, which it replaces.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer photosStayInMemory(SubmissionProperties submission, PhotoProperties photos) {
        return codecs -> {
            DefaultPartHttpMessageReader parts = new DefaultPartHttpMessageReader();
            parts.setMaxInMemorySize(Math.toIntExact(photos.multipartLimit(submission.maxRequestSize())));
            parts.setMaxDiskUsagePerPart(0);
            // The form's fields, its token and honeypot, and per photo its file and two questions:
            // a few more than a tip ever has.
            parts.setMaxParts(16 + 3 * photos.maxCount());
            codecs.defaultCodecs().multipartReader(new MultipartHttpMessageReader(parts));
        };
    }
}
