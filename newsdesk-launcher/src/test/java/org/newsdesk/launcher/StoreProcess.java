package org.newsdesk.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded MongoDB store alone in a JVM of its own, so a test can kill it: opens the store in
 * the data folder given as the only argument, prints the port it listens on, and runs until killed.
 */
public final class StoreProcess {

    static final String PORT_LINE_PREFIX = "store listening on port ";

    private StoreProcess() {}

    public static void main(String[] args) throws InterruptedException {
        LocalMongoServer store = LocalMongoServer.start(Path.of(args[0]), 0);
        String uri = store.connectionString();
        System.out.println(PORT_LINE_PREFIX + uri.substring(uri.lastIndexOf(':') + 1));
        new CountDownLatch(1).await();
    }
}
