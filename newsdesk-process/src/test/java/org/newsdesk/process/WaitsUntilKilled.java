package org.newsdesk.process;

import java.util.concurrent.CountDownLatch;

/** A process for the watch to watch: it does nothing until it is killed. */
public final class WaitsUntilKilled {

    private WaitsUntilKilled() {}

    public static void main(String[] args) throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
