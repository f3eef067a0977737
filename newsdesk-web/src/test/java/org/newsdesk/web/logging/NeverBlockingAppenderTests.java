package org.newsdesk.web.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service whose log's reader stops reading goes on working: its lines are dropped and counted, never waited for. */
class NeverBlockingAppenderTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final String DROPPED_SAID =
            " log lines were dropped: the log's reader did not take them (see newsdesk.log.lines.dropped)";

    private final LoggerContext context = new LoggerContext();
    private final StuckOutput output = new StuckOutput();
    private final NeverBlockingAppender appender = new NeverBlockingAppender();
    private final Logger logger = context.getLogger("newsdesk.test");

    @AfterEach
    void stop() {
        output.reader.countDown();
        context.stop();
    }

    @Test
    void aLoggerNeverWaitsForAReaderThatStoppedAndTheDroppedLinesAreCountedThenSaid() {
        // Given a service's output whose reader has stopped reading, behind a small queue
        start(true);
        long droppedBefore = NeverBlockingAppender.dropped();

        // When a request logs far more lines than the queue holds
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            for (int line = 0; line < 1_000; line++) {
                logger.info("line {}", line);
            }
        });

        // Then it is not held up: it finishes while the reader is still stuck, and the lines it lost are counted
        await().atMost(PATIENCE).until(request::isDone);
        assertThat(output.written).hasSizeLessThan(1_000);
        assertThat(NeverBlockingAppender.dropped() - droppedBefore).isPositive();

        // And once the reader reads again, every line is accounted for: written, or counted in a warning
        // written in its place (one per stretch of drops: the queue's worker takes lines out in batches, so
        // room comes back, and a warning goes out, while the reader is still stuck)
        output.reader.countDown();
        await().atMost(PATIENCE).until(() -> appender.getNumberOfElementsInQueue() == 0);
        logger.info("after");
        await().atMost(PATIENCE).until(() -> output.messages().contains("after"));
        List<String> messages = output.messages();
        long kept =
                messages.stream().filter(message -> message.startsWith("line ")).count();
        List<ILoggingEvent> warnings = output.written.stream()
                .filter(event -> event.getFormattedMessage().endsWith(DROPPED_SAID))
                .toList();
        assertThat(warnings)
                .isNotEmpty()
                .allSatisfy(warning -> assertThat(warning.getLevel()).isEqualTo(Level.WARN));
        long said = warnings.stream()
                .mapToLong(
                        warning -> Long.parseLong(warning.getFormattedMessage().split(" ")[0]))
                .sum();
        assertThat(kept + said).isEqualTo(1_000);
        assertThat(messages.get(messages.size() - 1)).isEqualTo("after");
        // (the metric counts every appender of the JVM, so at least these)
        assertThat(NeverBlockingAppender.dropped() - droppedBefore).isGreaterThanOrEqualTo(said);
    }

    @Test
    void unqueuedEveryLineIsWrittenOnTheCallersThreadAsItHappens() {
        // Given the appender as tests that read a service's output run it
        output.reader.countDown();
        start(false);

        // When lines are logged
        logger.info("first");
        logger.warn("second");

        // Then they are written at once, in order, by the thread that logged them
        assertThat(output.messages()).containsExactly("first", "second");
        assertThat(output.threads).containsOnly(Thread.currentThread().getName());
    }

    private void start(boolean queued) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        output.setContext(context);
        output.start();
        appender.setContext(context);
        appender.setQueued(queued);
        appender.setQueueSize(16);
        appender.addAppender(output);
        appender.start();
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    /** An output whose reader may stop: writing to it waits until it reads again, as a full pipe does. */
    private static final class StuckOutput extends AppenderBase<ILoggingEvent> {

        final CountDownLatch reader = new CountDownLatch(1);
        final List<ILoggingEvent> written = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            try {
                reader.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            written.add(event);
            threads.add(Thread.currentThread().getName());
        }

        List<String> messages() {
            return written.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
