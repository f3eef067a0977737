package org.newsdesk.messaging.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.messaging.outbox.SettableClock;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A broker outage of a minute used to write hundreds of lines; now it writes a few. */
@ExtendWith(OutputCaptureExtension.class)
class OutageLogTests {

    private static final String WHAT = "Sending the test's events";

    private final Instant start = Instant.parse("2026-12-07T03:00:00Z");
    private final SettableClock clock = new SettableClock(start);
    private final OutageLog outages =
            new OutageLog(LoggerFactory.getLogger(OutageLogTests.class), WHAT, Duration.ofMinutes(1), clock);

    @Test
    void anOutageOfManyFailedAttemptsIsAFewLinesWithItsLengthAndCount(CapturedOutput output) {
        // Given a hundred records failing every two seconds for ninety seconds
        for (int second = 0; second < 90; second += 2) {
            clock.set(start.plusSeconds(second));
            for (int record = 0; record < 100; record++) {
                outages.failed("tips/" + record + ": TimeoutException");
            }
        }

        // When an event goes through again
        clock.set(start.plusSeconds(91));
        outages.succeeded();
        outages.succeeded();

        // Then the log said when it started, once how it went, and when it ended
        List<String> lines =
                output.getOut().lines().filter(line -> line.contains(WHAT)).toList();
        assertThat(lines)
                .satisfiesExactly(
                        began -> assertThat(began).contains("WARN").contains("does not answer"),
                        going -> assertThat(going).contains("WARN").contains("after 60 s: 3001 attempts"),
                        ended -> assertThat(ended).contains("INFO").contains("after 91 s; 4500 attempts had failed"));
    }

    @Test
    void withoutAnOutageASuccessSaysNothing(CapturedOutput output) {
        outages.succeeded();

        assertThat(output.getOut()).doesNotContain(WHAT);
    }
}
