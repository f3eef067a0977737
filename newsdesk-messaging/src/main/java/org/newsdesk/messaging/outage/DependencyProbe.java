package org.newsdesk.messaging.outage;

import java.time.Duration;

/**
 * Asks one thing a listener depends on (Kafka, MongoDB) whether it answers at all. A probe asks
 * the cheapest question there is (a ping, a cluster description): an answer means the dependency
 * is up, however slow a particular query of a listener may be.
 */
public interface DependencyProbe {

    String name();

    /** Whether the dependency answered within the timeout. Never throws. */
    boolean answers(Duration timeout);
}
