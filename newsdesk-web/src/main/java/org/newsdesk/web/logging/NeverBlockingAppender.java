package org.newsdesk.web.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands log lines to the console through a queue and drops them, counted, when the queue is full,
 * rather than make a request or a listener wait for its log. Whoever reads the service's output
 * (a launcher, a container runtime, a terminal) may stop reading: a pipe that is not read fills
 * and its writer waits, and a service whose every thread waits on its log answers nobody. Once
 * lines go through again, one WARN says how many were dropped.
 *
 * <p>With {@code queued} off the lines are written as they happen, on the caller's thread: what
 * tests that read a service's output want ({@code newsdesk.logging.never-block=false}).
 */
public class NeverBlockingAppender extends AsyncAppender {

    private static final AtomicLong DROPPED = new AtomicLong();

    private final AtomicLong droppedSinceSaid = new AtomicLong();
    private boolean queued = true;

    public NeverBlockingAppender() {
        setNeverBlock(true);
        // Never drop lines below WARN to make room: the queue only drops when it is full.
        setDiscardingThreshold(0);
    }

    /** Log lines dropped in this JVM because the output did not take them; for the metrics. */
    public static long dropped() {
        return DROPPED.get();
    }

    public void setQueued(boolean queued) {
        this.queued = queued;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!queued) {
            for (Iterator<Appender<ILoggingEvent>> appenders = iteratorForAppenders(); appenders.hasNext(); ) {
                appenders.next().doAppend(event);
            }
            return;
        }
        if (getRemainingCapacity() == 0) {
            // The queue refuses it: counted here, since the queue does not say.
            DROPPED.incrementAndGet();
            droppedSinceSaid.incrementAndGet();
            return;
        }
        long dropped = droppedSinceSaid.get();
        if (dropped > 0 && getRemainingCapacity() > getQueueSize() / 2 && droppedSinceSaid.compareAndSet(dropped, 0)) {
            super.append(droppedLines(dropped));
        }
        super.append(event);
    }

    private ILoggingEvent droppedLines(long count) {
        Logger logger = ((LoggerContext) getContext()).getLogger(NeverBlockingAppender.class);
        return new LoggingEvent(
                NeverBlockingAppender.class.getName(),
                logger,
                Level.WARN,
                "{} log lines were dropped: the log's reader did not take them (see newsdesk.log.lines.dropped)",
                null,
                new Object[] {count});
    }
}
