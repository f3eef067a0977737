package org.newsdesk.store;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded run's store: {@link StoreBackend} in a file, where whatever a command wrote is committed to the
 * store file before the command's reply goes out, so nothing a client saw acknowledged is lost
 * when the process dies.
 *
 * <p>The plain backend lets H2 commit in the background about once a second. A service that is
 * told "written" moves on (a Kafka consumer commits its offset, a resident gets a 202), and a
 * {@code kill -9} within that second silently took the write back.
 *
 * <p>Process crashes are covered, power loss is not: {@link MVStore#commit()} hands the new chunk
 * to the operating system without forcing it to the disk. What is in the page cache outlives a
 * killed process, so an fsync per write would cost a great deal and buy nothing for a local run.
 *
 * <p>Commits only ever happen between commands: commands run under the shared side of a lock and
 * a commit takes the exclusive side. Otherwise a commit made for one command could catch another
 * half done (a document stored but its unique index entry not yet), and a crash right after would
 * leave that half on disk. That is also why H2's own commits are switched off (in the background
 * and under memory pressure alike) and this class does H2's background housekeeping itself.
 * Concurrent writers share commits: whoever gets the lock first writes everything changed so far.
 */
public final class CommitBeforeReplyBackend extends StoreBackend {

    private static final Logger log = LoggerFactory.getLogger(CommitBeforeReplyBackend.class);

    /**
     * A commit per write leaves many small chunks that later writes empty out; H2 rewrites the
     * live pages of chunks below this fill rate (percent) into new ones so the old space is reused.
     */
    private static final int TARGET_FILL_RATE = 80;

    /** At most this much rewritten per round, so housekeeping never holds up writers for long. */
    private static final int MAX_REWRITE_BYTES = 1024 * 1024;

    private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofSeconds(1);

    /**
     * After the writes stop, compaction goes on while it still gains (a denser store or a smaller
     * file) and stops after this many rounds without a gain. H2's {@code compact} alone never says
     * "done": its test counts every chunk, so after a load it kept rewriting the same live pages
     * round after round, a few percent of a core with nothing written at all.
     */
    static final int ROUNDS_WITHOUT_GAIN = 10;

    /** And at most this many rounds after the last write, gain or not. */
    static final int MOST_ROUNDS_AFTER_WRITES = 120;

    private static final int PAGE_SPLIT_SIZE = 4 * 1024;

    /**
     * How long a chunk no longer in use stays untouched before its space is written over: two
     * housekeeping rounds. H2's 45 s default waits out disks that hold writes back, which matters for
     * power loss only; with a commit per write it would let the file grow by tens of megabytes a
     * second under load. What must not be written over is a chunk a command is still reading, and
     * every query here reads all its results into memory before it answers, within milliseconds.
     */
    private static final int RETENTION_ROUNDS = 2;

    private final MVStore store;
    private final ReentrantReadWriteLock commandsOrCommit = new ReentrantReadWriteLock();
    /** Commands and the commits they shared: told at close, to show how much writers share under load. */
    private final LongAdder commands = new LongAdder();

    /**
     * Commands by name and collection ("update newsdesk-moderation.tips"), told at close: what a
     * service asks of the store per tip or decision is the first thing to know when the store's CPU grows.
     */
    private final Map<String, LongAdder> commandsByTarget = new ConcurrentHashMap<>();

    private final LongAdder commits = new LongAdder();
    private final LongAdder compactions = new LongAdder();
    /** Set by every commit a command made, cleared by the next housekeeping round. */
    private volatile boolean writtenSinceHousekeeping;
    /** Housekeeping's own (one thread): how compaction has gone since the last write, or null once it stopped. */
    private CompactionProgress progress;

    private final ScheduledExecutorService housekeeping;

    private CommitBeforeReplyBackend(MVStore store, Duration housekeepingInterval) {
        super(store);
        this.store = store;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mongo-store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(
                this::keepHouse,
                housekeepingInterval.toMillis(),
                housekeepingInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the store file; H2 locks it, so a second process on the same file fails here. */
    public static CommitBeforeReplyBackend open(Path storeFile) {
        return open(storeFile, HOUSEKEEPING_INTERVAL);
    }

    /** With housekeeping rounds this far apart: tests take them quicker than a second. */
    static CommitBeforeReplyBackend open(Path storeFile, Duration housekeepingInterval) {
        MVStore store = new MVStore.Builder()
                .fileName(storeFile.toString())
                .autoCommitDisabled()
                // 0 also stops the commits H2 would otherwise make from inside a write once enough is unsaved.
                .autoCommitBufferSize(0)
                // Each commit rewrites every page it touched: H2's SQL engine's 4 KB, not the MVStore's 16 KB,
                // halves what a commit writes.
                .pageSplitSize(PAGE_SPLIT_SIZE)
                .open();
        store.setRetentionTime(Math.toIntExact(housekeepingInterval.toMillis() * RETENTION_ROUNDS));
        return new CommitBeforeReplyBackend(store, housekeepingInterval);
    }

    /** Every command of a current driver comes through here (OP_MSG too), writes included. */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        commands.increment();
        commandsByTarget
                .computeIfAbsent(target(database, command, query), name -> new LongAdder())
                .increment();
        try {
            commandsOrCommit.readLock().lock();
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                commandsOrCommit.readLock().unlock();
            }
        } finally {
            // Also after a failed command: an insert of many documents may have stored some before failing.
            commitWhatChanged();
        }
    }

    /** Most commands name their collection as the command's value; getMore names it in "collection". */
    private static String target(String database, String command, Document query) {
        Object collection = query.get(command);
        if (!(collection instanceof String)) {
            collection = query.get("collection");
        }
        return collection instanceof String name ? command + " " + database + "." + name : command + " " + database;
    }

    private void commitWhatChanged() {
        // A command nested in another commits with the outer one; it could not take the exclusive lock anyway.
        if (commandsOrCommit.getReadHoldCount() > 0 || !store.hasUnsavedChanges()) {
            return;
        }
        commandsOrCommit.writeLock().lock();
        try {
            // Another command's commit may have taken this command's changes along.
            if (store.hasUnsavedChanges()) {
                store.commit();
                commits.increment();
                writtenSinceHousekeeping = true;
            }
        } finally {
            commandsOrCommit.writeLock().unlock();
        }
    }

    /**
     * What H2's background writer would do: rewrite the live pages of sparse chunks into new ones,
     * so the old chunks can be reused and the file's end given back. It runs between commands, like
     * every commit (H2 compacts only when no commit holds its store lock, which with a commit per
     * write is hardly ever): a round a second while commands write, then on while it still gains.
     */
    private void keepHouse() {
        if (writtenSinceHousekeeping) {
            writtenSinceHousekeeping = false;
            progress = new CompactionProgress();
        }
        if (progress == null) {
            return;
        }
        commandsOrCommit.writeLock().lock();
        try {
            boolean rewritten = store.compact(TARGET_FILL_RATE, MAX_REWRITE_BYTES);
            if (rewritten) {
                store.commit();
                compactions.increment();
            }
            if (!rewritten || !progress.worthAnotherRound(store.getFileStore())) {
                progress = null;
            }
        } catch (RuntimeException ex) {
            // Tried again after the next write; writes do not depend on it.
            progress = null;
            // By its type: a store's message may quote the values it was working on.
            log.warn(
                    "Housekeeping of the MongoDB store failed: {}",
                    ex.getClass().getName());
        } finally {
            commandsOrCommit.writeLock().unlock();
        }
    }

    /** "update newsdesk-moderation.tips 1200, find ... 900, ..." */
    String commandsByCollection() {
        StringBuilder counts = new StringBuilder();
        commandsByTarget.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> target) ->
                                target.getValue().sum())
                        .reversed())
                .forEach(target -> counts.append(counts.isEmpty() ? "" : ", ")
                        .append(target.getKey())
                        .append(' ')
                        .append(target.getValue().sum()));
        return counts.toString();
    }

    /** Compaction rounds that rewrote something, since the store opened. */
    long compactions() {
        return compactions.sum();
    }

    /**
     * Whether compaction still gains: the live share of the chunks (H2's own estimate) rose, or the
     * file shrank, within the last {@link #ROUNDS_WITHOUT_GAIN} rounds.
     */
    private static final class CompactionProgress {
        private int rounds;
        private int roundsWithoutGain;
        private int bestChunksFillRate = -1;
        private long smallestFileSize = Long.MAX_VALUE;

        boolean worthAnotherRound(FileStore<?> file) {
            rounds++;
            int chunksFillRate = file.getChunksFillRate();
            long fileSize = file.size();
            if (chunksFillRate > bestChunksFillRate || fileSize < smallestFileSize) {
                roundsWithoutGain = 0;
            } else {
                roundsWithoutGain++;
            }
            bestChunksFillRate = Math.max(bestChunksFillRate, chunksFillRate);
            smallestFileSize = Math.min(smallestFileSize, fileSize);
            return roundsWithoutGain < ROUNDS_WITHOUT_GAIN && rounds < MOST_ROUNDS_AFTER_WRITES;
        }
    }

    /** Stops housekeeping, then closes the store, which commits whatever is left. */
    @Override
    public void close() {
        housekeeping.shutdown();
        try {
            if (!housekeeping.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Housekeeping of the MongoDB store did not finish; closing the store anyway");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        log.info(
                "The MongoDB store answered {} commands with {} commits, and compacted {} times",
                commands.sum(),
                commits.sum(),
                compactions.sum());
        log.info("Commands by collection, most first: {}", commandsByCollection());
        // Not MVStore.compactFile() to shrink the file first: in H2 2.4.240 it trips H2's own assertions.
        super.close();
    }
}
