package org.newsdesk.messaging.outage;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The back-off of a record whose listener failed the way an outage looks (a timeout, an
 * unreachable server). Before each retry it asks the {@link Dependencies} whether that is what it
 * is:
 * <ul>
 * <li>a dependency does not answer: an outage, not the record's fault. The record waits, with
 * pauses growing to {@code outageMaxInterval}, for as long as the outage lasts, and those waits
 * never count against it;
 * <li>every dependency answers: the failure is the record's own (a query too slow for this
 * record, say), and it gets the bounded retries a bug gets, then goes to the dead-letter topic.
 * </ul>
 * With a pausing back-off handler, the listener container is paused during each wait instead of
 * its consumer thread sleeping, so the consumer keeps its partitions however long the outage lasts.
 */
public class OutageAwareBackOff implements BackOff {

    private static final Logger log = LoggerFactory.getLogger(OutageAwareBackOff.class);

    private final Dependencies dependencies;
    private final Supplier<BackOff> bounded;
    private final long outageInitialInterval;
    private final long outageMaxInterval;

    public OutageAwareBackOff(
            Dependencies dependencies, Supplier<BackOff> bounded, long outageInitialInterval, long outageMaxInterval) {
        this.dependencies = dependencies;
        this.bounded = bounded;
        this.outageInitialInterval = outageInitialInterval;
        this.outageMaxInterval = outageMaxInterval;
    }

    @Override
    public BackOffExecution start() {
        BackOffExecution boundedExecution = bounded.get().start();
        return new BackOffExecution() {

            private long outageInterval = outageInitialInterval;

            @Override
            public long nextBackOff() {
                String down = dependencies.firstUnavailable();
                if (down != null) {
                    long wait = outageInterval;
                    outageInterval = Math.min(outageInterval * 2, outageMaxInterval);
                    log.warn(
                            "{} does not answer: the listener waits {} ms before it tries the record again",
                            down,
                            wait);
                    return wait;
                }
                return boundedExecution.nextBackOff();
            }
        };
    }
}
