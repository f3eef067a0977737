package org.newsdesk.endtoend.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
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
            AcknowledgedAnswers.holdOn(api, ledger, context);
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
}
