package org.newsdesk.endtoend.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing acknowledged is ever lost: the whole embedded run, launcher and services, is killed with
 * SIGKILL at random moments while residents send tips and moderators decide them (and, being
 * editors, correct and retract stories), and started again on the same data each time. The last
 * time only the launcher is killed, and the services must end by themselves. Every tip accepted
 * with 202 and every decision, correction and retraction recorded with 200 must then come
 * through: in the queue or decided, published or declined as decided, one story per tip, never
 * decided twice; every correction's note on its story, and no retracted story shown again.
 *
 * <p>The kill moments come from a seed that is logged; run again with
 * {@code -Dnewsdesk.crash-test.seed=...} to replay the same choices (timing still varies).
 */
class CrashRecoveryTests {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTests.class);

    private static final int KILLS = 3;

    /**
     * A kill lands after this many more acknowledged answers, chosen at random between the two. At
     * most 480 tips in all, so that every pending tip fits the moderation queue's one page of 500.
     */
    private static final int FEWEST_ANSWERS_BEFORE_KILL = 60;

    private static final int MOST_ANSWERS_BEFORE_KILL = 160;

    /**
     * After a restart, redelivered events and outbox relays must catch up; the moderation relay
     * alone waits its grace period before it sends again what Kafka never acknowledged.
     */
    private static final Duration CATCH_UP_PATIENCE = Duration.ofMinutes(2);

    private static final Duration TRAFFIC_PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    private EmbeddedRun run;
    private EmbeddedRun.Ports ports;

    /** A failed test must not leave a launcher running with its services: nothing else would stop them. */
    @AfterEach
    void killWhateverIsLeft() {
        if (run != null && run.isAlive()) {
            run.killWithEverythingUnderIt(ports);
        }
    }

    @Test
    void everythingAcknowledgedSurvivesTheWholeRunBeingKilled() {
        long seed = Long.getLong("newsdesk.crash-test.seed", new SecureRandom().nextLong());
        log.info("Crash test seed {}: replay with -Dnewsdesk.crash-test.seed={}", seed, seed);
        Random random = new Random(seed);
        ports = EmbeddedRun.Ports.free();
        NewsdeskApi api = new NewsdeskApi(ports);
        Ledger ledger = new Ledger();

        run = EmbeddedRun.start(dataDir, ports);
        for (int kill = 1; kill <= KILLS; kill++) {
            String context = "seed " + seed + ", after kill " + kill + " of " + KILLS;

            // Given residents and moderators at work, their acknowledged answers in the ledger
            int killAt = ledger.acknowledged()
                    + FEWEST_ANSWERS_BEFORE_KILL
                    + random.nextInt(MOST_ANSWERS_BEFORE_KILL - FEWEST_ANSWERS_BEFORE_KILL + 1);
            try (Traffic traffic = Traffic.start(api, ledger, random)) {
                await("traffic to reach " + killAt + " acknowledged answers")
                        .atMost(TRAFFIC_PATIENCE)
                        .until(() -> ledger.acknowledged() >= killAt);

                // When the launcher and every service under it are killed at that moment (the last
                // time the launcher alone: the services must then end by themselves)
                Instant killed = Instant.now();
                if (kill < KILLS) {
                    run.killWithEverythingUnderIt(ports);
                } else {
                    run.killLauncherOnly(ports);
                }
                log.info(
                        "Killed the run ({}{}), its ports free after {} ms, with {} tips, {} decisions, {}"
                                + " corrections, {} retractions, {} withdrawals and {} erasures acknowledged so far",
                        context,
                        kill < KILLS ? "" : ", the launcher alone",
                        Duration.between(killed, Instant.now()).toMillis(),
                        ledger.tips().size(),
                        ledger.decisions().size(),
                        ledger.corrections().size(),
                        ledger.retractions().size(),
                        ledger.withdrawals().size(),
                        ledger.erasures().size());
            }

            // Then, started again on the same data, Newsdesk comes through on every acknowledged answer
            Instant restarted = Instant.now();
            run = EmbeddedRun.start(dataDir, ports);
            everyAcknowledgedAnswerHolds(api, ledger, context);
            log.info(
                    "Every acknowledged answer held ({}), {} s after the restart began",
                    context,
                    Duration.between(restarted, Instant.now()).toSeconds());
        }

        // And the editors' side was exercised, and the residents' withdrawals and erasures
        assertThat(ledger.corrections()).as("acknowledged corrections").isNotEmpty();
        assertThat(ledger.retractions()).as("acknowledged retractions").isNotEmpty();
        assertThat(ledger.withdrawals()).as("acknowledged withdrawals").isNotEmpty();
        assertThat(ledger.erasures()).as("acknowledged erasures").isNotEmpty();

        // And Ctrl-C still stops it all cleanly
        assertThat(run.stop()).as("the launcher's exit code after SIGTERM").isEqualTo(143);
    }

    private static void everyAcknowledgedAnswerHolds(NewsdeskApi api, Ledger ledger, String context) {
        everyAcknowledgedTipComesThrough(api, ledger, context);
        noTipHasTwoStories(api, context);
        noDecidedTipIsDecidedAgain(api, ledger, context);
        everyCorrectionIsOnItsStory(api, ledger, context);
        noRetractedStoryIsShownAgain(api, ledger, context);
        everyErasureHolds(api, ledger, context);
    }

    /**
     * Contact details erased with 200 stay erased: the resident's receipt says so, and the
     * moderators' service has learned it (the event that tells it was in the same write as the erasure).
     */
    private static void everyErasureHolds(NewsdeskApi api, Ledger ledger, String context) {
        await(context + ": every acknowledged erasure known to both services")
                .atMost(CATCH_UP_PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> notHeld = new ArrayList<>();
                    for (String tipId : ledger.erasures()) {
                        NewsdeskApi.ReceiptAnswer receipt = api.receipt(receiptOf(ledger, tipId));
                        if (!"ERASED".equals(receipt.contactDetails())) {
                            notHeld.add(tipId + ": the receipt says contact details " + receipt.contactDetails());
                        } else if (!api.moderatorsKnowContactErased(tipId)) {
                            notHeld.add(tipId + ": the moderators' service does not know it");
                        }
                    }
                    assertThat(notHeld).as("%s: erasures not held", context).isEmpty();
                });
    }

    /**
     * Each tip in turn until it is confirmed: its receipt is known, and it is in the queue or
     * decided; decided with 200, it ends published with its own story or declined with the reason
     * given, and it has left the queue.
     */
    private static void everyAcknowledgedTipComesThrough(NewsdeskApi api, Ledger ledger, String context) {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        List<String> stillWrong = new ArrayList<>();
        await(context + ": every acknowledged tip accounted for")
                .atMost(CATCH_UP_PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    stillWrong.clear();
                    Set<String> queue = new HashSet<>(api.queuedTipIds());
                    for (Ledger.Tip tip : ledger.tips()) {
                        if (confirmed.contains(tip.tipId())) {
                            continue;
                        }
                        Optional<String> wrong = whatIsWrong(api, ledger, tip, ledger.decisionOn(tip.tipId()), queue);
                        if (wrong.isEmpty()) {
                            confirmed.add(tip.tipId());
                        } else {
                            stillWrong.add(tip.tipId() + ": " + wrong.get());
                        }
                    }
                    assertThat(stillWrong)
                            .as(
                                    "%s: acknowledged tips not (yet) accounted for, of %d",
                                    context, ledger.tips().size())
                            .isEmpty();
                });
    }

    private static Optional<String> whatIsWrong(
            NewsdeskApi api, Ledger ledger, Ledger.Tip tip, Ledger.Decision decision, Set<String> queue)
            throws IOException {
        NewsdeskApi.ReceiptAnswer receipt = api.receipt(tip.receipt());
        if (receipt.httpStatus() != 200) {
            return Optional.of("its receipt answers " + receipt.httpStatus());
        }
        if (ledger.wasWithdrawn(tip.tipId())) {
            return ("WITHDRAWN".equals(receipt.status()) && !queue.contains(tip.tipId()))
                    ? Optional.empty()
                    : Optional.of("withdrawn with 200, yet the receipt says " + receipt.status()
                            + (queue.contains(tip.tipId()) ? " and it is in the queue" : ""));
        }
        if (decision == null) {
            return (queue.contains(tip.tipId()) || receipt.decided())
                    ? Optional.empty()
                    : Optional.of("neither in the queue nor decided (receipt says " + receipt.status() + ")");
        }
        if (queue.contains(tip.tipId())) {
            return Optional.of("decided " + decision.outcome() + " with 200, yet back in the queue");
        }
        if (!decision.approved()) {
            return ("DECLINED".equals(receipt.status()) && decision.reason().equals(receipt.reason()))
                    ? Optional.empty()
                    : Optional.of(
                            "declined with 200, yet the receipt says " + receipt.status() + " / " + receipt.reason());
        }
        Ledger.Retraction retraction = ledger.retractionOf(tip.tipId());
        if (retraction != null) {
            return ("WITHDRAWN".equals(receipt.status()) && retraction.reason().equals(receipt.reason()))
                    ? Optional.empty()
                    : Optional.of(
                            "retracted with 200, yet the receipt says " + receipt.status() + " / " + receipt.reason());
        }
        // A retraction sent just before a kill may have landed unacknowledged: then it must hold everywhere.
        if ("WITHDRAWN".equals(receipt.status())) {
            return Optional.empty();
        }
        if (!"PUBLISHED".equals(receipt.status()) || receipt.storyUrl() == null) {
            return Optional.of("approved with 200, yet the receipt says " + receipt.status());
        }
        String path = URI.create(receipt.storyUrl()).getPath();
        String slug = path.substring(path.lastIndexOf('/') + 1);
        Optional<NewsdeskApi.Story> story = api.story(slug);
        if (story.isEmpty() || !tip.tipId().equals(story.get().id())) {
            return Optional.of("published at " + receipt.storyUrl() + ", where readers find " + story);
        }
        return Optional.empty();
    }

    private static void noTipHasTwoStories(NewsdeskApi api, String context) {
        List<NewsdeskApi.Story> stories = uncheckedIo(NewsdeskApi::allStories, api);
        assertThat(stories)
                .as("%s: stories per tip", context)
                .extracting(NewsdeskApi.Story::id)
                .doesNotHaveDuplicates();
        assertThat(stories)
                .as("%s: story addresses", context)
                .extracting(NewsdeskApi.Story::slug)
                .doesNotHaveDuplicates();
    }

    private static void noDecidedTipIsDecidedAgain(NewsdeskApi api, Ledger ledger, String context) {
        List<String> decidedAgain = ledger.decisions().stream()
                .filter(decision ->
                        uncheckedIo(a -> a.decide(decision.tipId(), "REJECTED", "A second decision"), api) != 409)
                .map(Ledger.Decision::tipId)
                .collect(Collectors.toList());
        assertThat(decidedAgain)
                .as("%s: tips decided with 200 that took a second decision", context)
                .isEmpty();
    }

    /**
     * Each acknowledged correction's public note is on its story, unless the story was withdrawn
     * since (then its address answers 410, checked below). Notes, not text: a correction sent just
     * before a kill may have landed unacknowledged after the last acknowledged one.
     */
    private static void everyCorrectionIsOnItsStory(NewsdeskApi api, Ledger ledger, String context) {
        Map<String, String> slugs = uncheckedIo(NewsdeskApi::allStories, api).stream()
                .collect(Collectors.toMap(NewsdeskApi.Story::id, NewsdeskApi.Story::slug));
        await(context + ": every acknowledged correction on its story")
                .atMost(CATCH_UP_PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> missing = new ArrayList<>();
                    for (Ledger.Correction correction : ledger.corrections()) {
                        String slug = slugs.get(correction.tipId());
                        if (slug == null) {
                            // No longer listed: only a retraction may take a story out of the list.
                            NewsdeskApi.ReceiptAnswer receipt = api.receipt(receiptOf(ledger, correction.tipId()));
                            if (!"WITHDRAWN".equals(receipt.status())) {
                                missing.add(correction.tipId() + ": not listed, yet not withdrawn");
                            }
                            continue;
                        }
                        NewsdeskApi.StoryAnswer story = api.storyAnswer(slug);
                        if (story.httpStatus() == 200
                                && !story.correctionNotes().contains(correction.note())) {
                            missing.add(correction.tipId() + ": no note '" + correction.note() + "'");
                        }
                    }
                    assertThat(missing)
                            .as("%s: corrections not on their stories", context)
                            .isEmpty();
                });
    }

    /** A story withdrawn with 200 is in no list, and its address answers 410, after every restart. */
    private static void noRetractedStoryIsShownAgain(NewsdeskApi api, Ledger ledger, String context) {
        Set<String> listed = uncheckedIo(NewsdeskApi::allStories, api).stream()
                .map(NewsdeskApi.Story::id)
                .collect(Collectors.toSet());
        for (Ledger.Retraction retraction : ledger.retractions()) {
            assertThat(listed)
                    .as("%s: retracted story %s listed", context, retraction.tipId())
                    .doesNotContain(retraction.tipId());
            NewsdeskApi.ReceiptAnswer receipt = uncheckedIo(a -> a.receipt(receiptOf(ledger, retraction.tipId())), api);
            if (receipt.storyUrl() != null) {
                String path = URI.create(receipt.storyUrl()).getPath();
                String slug = path.substring(path.lastIndexOf('/') + 1);
                assertThat(uncheckedIo(a -> a.storyAnswer(slug), api).httpStatus())
                        .as("%s: the address of retracted story %s", context, retraction.tipId())
                        .isEqualTo(410);
            }
        }
    }

    private static String receiptOf(Ledger ledger, String tipId) {
        return ledger.tips().stream()
                .filter(tip -> tip.tipId().equals(tipId))
                .findFirst()
                .orElseThrow()
                .receipt();
    }

    private interface IoCall<T> {
        T call(NewsdeskApi api) throws IOException;
    }

    private static <T> T uncheckedIo(IoCall<T> call, NewsdeskApi api) {
        try {
            return call.call(api);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
