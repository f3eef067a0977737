package org.newsdesk.launcher;

import java.util.Optional;

/**
 * The heap of the launcher's JVM, which holds the Kafka broker and the store. Without a limit the
 * JVM may take a quarter of the machine's memory and, after a load, keeps what it took: measured
 * with 1,600 tips sent in 30 s, the launcher stood at 1.2-1.5 GB RSS without a limit and at
 * 0.7 GB with {@value #LIMIT}, taking tips as fast. The README's command gives the limit; a
 * launcher started without one says so.
 */
final class LauncherHeap {

    /** The JVM option the README's command starts the launcher with. */
    static final String LIMIT = "-Xmx512m";

    /** Above this, the launcher was started without the README's limit (or with a larger one on purpose). */
    private static final long ADVISED_MOST_BYTES = 1024L * 1024 * 1024;

    private LauncherHeap() {}

    /** What to tell whoever started the launcher with a heap limit of this many bytes, if anything. */
    static Optional<String> advice(long maxHeapBytes) {
        if (maxHeapBytes <= ADVISED_MOST_BYTES) {
            return Optional.empty();
        }
        return Optional.of(
                "This JVM may grow to %d MB of heap, and keeps what it takes: start it as the README does, with %s (java %s -jar newsdesk-exec.jar)"
                        .formatted(maxHeapBytes / (1024 * 1024), LIMIT, LIMIT));
    }
}
