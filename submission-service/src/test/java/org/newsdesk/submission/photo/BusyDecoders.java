package org.newsdesk.submission.photo;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every decoding thread of a pool busy and every place in its queue taken, until closed: what a
 * burst of photos does to it.
 */
final class BusyDecoders implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final DecodingPool pool;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger decoding = new AtomicInteger();

    BusyDecoders(DecodingPool pool) {
        this.pool = pool;
        takeEveryPlace();
        // An idle thread takes its work from the queue, freeing a place there: once every thread
        // is busy for good, the places they freed are taken again.
        await().atMost(PATIENCE).until(() -> decoding.get() == pool.threads());
        takeEveryPlace();
    }

    private void takeEveryPlace() {
        AtomicBoolean full = new AtomicBoolean();
        while (!full.get()) {
            pool.run(() -> {
                        decoding.incrementAndGet();
                        return release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    })
                    .subscribe(done -> {}, rejected -> full.set(true));
        }
    }

    @Override
    public void close() {
        release.countDown();
    }
}
