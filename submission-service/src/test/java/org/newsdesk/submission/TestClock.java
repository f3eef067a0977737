package org.newsdesk.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in tests: the real time, moved forward by what a test asks (to see a
 * retention period run out) and back again by {@link #reset()}. Also the privacy key every test
 * context starts with: the service refuses to start without one.
 */
public final class TestClock extends Clock {

    /** A fixed master key, 32 bytes in base64, as {@code NEWSDESK_PRIVACY_KEY} takes one; for tests only. */
    public static final String KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";

    public static final String PRIVACY_KEY = "newsdesk.privacy.key=" + KEY;

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** Gives every test context the movable clock in place of the system's. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class InTests {

        @Bean
        @Primary
        TestClock movableClock() {
            return new TestClock();
        }
    }

    /** Moves the clock forward by this much, on top of any earlier move. */
    public void moveForward(Duration by) {
        ahead.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        ahead.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service reads instants in UTC only");
    }
}
