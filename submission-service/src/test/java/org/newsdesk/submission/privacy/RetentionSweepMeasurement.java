package org.newsdesk.submission.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.commons.codec.digest.DigestUtils;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import reactor.core.publisher.Flux;

/**
 * Not a test but a measurement, off unless asked for ({@code -Dnewsdesk.measure=true}): fills the
 * embedded store with 100,000 tips and their receipts, 200 of them due for erasure (a sweep every
 * hour over a store that takes 100,000 tips in half a year finds some 25; the older ones erased by
 * the passes before, the newer ones waiting for their day), and reports the
 * time of one full retention pass over them, then of passes that find nothing due (the steady
 * state). It asserts nothing about time: these machines are shared and noisy. The embedded store
 * (mongo-java-server) uses no secondary index, so it scans where real MongoDB reads the sparse
 * index {@code receipt_contact_erasable_at}: the figures are an upper bound.
 */
@SubmissionIntegrationTest
@Tag("measurement")
@EnabledIfSystemProperty(named = "newsdesk.measure", matches = "true")
class RetentionSweepMeasurement {

    /** {@code -Dnewsdesk.measure.tips=1000} for the baseline beside it: a store the size of a few weeks. */
    private static final int TIPS = Integer.getInteger("newsdesk.measure.tips", 100_000);

    private static final int DUE = Integer.getInteger("newsdesk.measure.due", 200);
    private static final int IDLE_PASSES = 20;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ContactVault vault;

    @Autowired
    RetentionSweep sweep;

    @Test
    void oneRetentionPassOver100000Tips() {
        // Given 100,000 tips over half a year, 200 of them declined more than 30 days ago, with their data keys
        Random random = new Random(14);
        Instant now = Instant.now();
        List<Document> tips = new ArrayList<>(TIPS);
        List<Document> receipts = new ArrayList<>(TIPS);
        List<String> dueIds = new ArrayList<>(DUE);
        for (int i = 0; i < TIPS; i++) {
            String tipId = UUID.randomUUID().toString();
            String digest = DigestUtils.sha256Hex(tipId);
            Instant submittedAt = now.minus(Duration.ofMinutes(random.nextInt(180 * 24 * 60)));
            boolean due = i < DUE;
            Instant decidedAt = due ? now.minus(Duration.ofDays(31)) : submittedAt.plus(Duration.ofHours(6));
            // As the store stands after hourly passes: older tips erased by the passes before this
            // one (nothing left to do), newer ones waiting for their day; only DUE fall due now.
            boolean erasedBefore = !due && decidedAt.plus(Duration.ofDays(30)).isBefore(now);
            tips.add(new Document("_id", tipId)
                    .append("revision", 1L)
                    .append("receiptDigest", digest)
                    .append("submittedAt", submittedAt));
            receipts.add(new Document("_id", tipId)
                    .append("receiptDigest", digest)
                    .append("status", "DECLINED")
                    .append("reason", "Not local news")
                    .append("submittedAt", submittedAt)
                    .append("updatedAt", decidedAt)
                    .append("submissionRevision", 1L)
                    .append("decisionRevision", 2L)
                    .append("storyRevision", 0L)
                    .append("decisionOutcome", "REJECTED")
                    .append("decidedAt", decidedAt)
                    .append("version", 2L)
                    .append("erasureFinished", erasedBefore)
                    .append("personalData", true)
                    .append("photoIds", List.of())
                    .append("chosenPhotoIds", List.of()));
            if (erasedBefore) {
                receipts.get(i)
                        .append("contactErasedAt", decidedAt.plus(Duration.ofDays(30)))
                        .append("erasedBy", "RETENTION");
            } else {
                receipts.get(i).append("contactErasableAt", decidedAt.plus(Duration.ofDays(30)));
            }
            if (due) {
                dueIds.add(tipId);
            }
        }
        long filling = System.nanoTime();
        Flux.fromIterable(tips)
                .buffer(5_000)
                .concatMap(batch -> mongo.insert(batch, "tips"))
                .then()
                .block(Duration.ofMinutes(10));
        Flux.fromIterable(receipts)
                .buffer(5_000)
                .concatMap(batch -> mongo.insert(batch, "receipts"))
                .then()
                .block(Duration.ofMinutes(10));
        Flux.fromIterable(dueIds)
                .concatMap(tipId -> vault.seal(tipId, new ContactDetails("Ada Marker", "ada@example.org", null)))
                .then()
                .block(Duration.ofMinutes(10));
        report("filled: " + TIPS + " tips and receipts, " + DUE + " data keys", System.nanoTime() - filling);

        // When one pass erases what is due
        long passing = System.nanoTime();
        Long erased = sweep.sweep().block(Duration.ofMinutes(30));
        long pass = System.nanoTime() - passing;

        // And later passes find nothing due
        Histogram idle = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        for (int i = 0; i < IDLE_PASSES; i++) {
            long began = System.nanoTime();
            sweep.sweep().block(Duration.ofMinutes(10));
            idle.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began));
        }

        // Then (reported, not asserted)
        report("one full pass: " + erased + " of " + TIPS + " tips erased", pass);
        System.out.printf(
                "MEASURE %-62s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                "a pass with nothing due, " + TIPS + " tips",
                idle.getTotalCount(),
                idle.getValueAtPercentile(50) / 1000.0,
                idle.getValueAtPercentile(99) / 1000.0,
                idle.getMaxValue() / 1000.0);
    }

    private static void report(String what, long nanos) {
        System.out.printf("MEASURE %-62s %.2f s%n", what, nanos / 1e9);
    }
}
