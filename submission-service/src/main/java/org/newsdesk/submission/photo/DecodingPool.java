package org.newsdesk.submission.photo;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads photos are decoded on: a few of their own, never the web server's and never every
 * core, so that a burst of photos leaves cores to answer everything else. A photo that finds every
 * thread decoding and every place in the queue taken is not kept waiting behind a burst: it is
 * refused at once, with a {@link RejectedExecutionException}, and its tip may be sent again in a
 * moment.
 */
@Component
class DecodingPool implements DisposableBean {

    /** Photos that may wait for each thread: a few seconds of decoding at most. */
    private static final int WAITING_PER_THREAD = 4;

    private final ThreadPoolExecutor executor;
    private final Scheduler scheduler;

    DecodingPool() {
        this(defaultThreads(), defaultThreads() * WAITING_PER_THREAD);
    }

    DecodingPool(int threads, int waiting) {
        AtomicInteger started = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(waiting),
                work -> {
                    Thread thread = new Thread(work, "photo-decoding-" + started.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.scheduler = Schedulers.fromExecutorService(executor, "photo-decoding");
    }

    /** Half the cores, one on a machine of two, and no more than four: each decode may hold a photo's pixels. */
    private static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** How many photos are decoded at once. */
    int threads() {
        return executor.getCorePoolSize();
    }

    /** The work done on a decoding thread; fails with a {@link RejectedExecutionException} when all are taken. */
    <T> Mono<T> run(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
