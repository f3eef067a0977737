package org.newsdesk.endtoend.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.newsdesk.endtoend.ModeratorSession;
import org.newsdesk.endtoend.ServiceLines;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two of everything: two instances of each service, the packaged jars, on one broker and one
 * store, as behind a load balancer. Residents send tips through both submission instances,
 * moderators decide (and, being editors, correct and retract) through both moderation instances,
 * readers read through both publishing instances. Mid-load one instance of each is killed with
 * SIGKILL and the traffic goes on through the others: their consumers take over the partitions,
 * nothing acknowledged is lost and nothing is published twice. Before that, a claim made on one
 * moderation instance is honoured on the other. The figures (how long the
 * partitions took to move, what clients of the remaining instances met meanwhile) are logged.
 */
class TwoOfEverythingTests {

    private static final Logger log = LoggerFactory.getLogger(TwoOfEverythingTests.class);

    /** Six JVMs starting at once on a small machine. */
    private static final Duration START_PATIENCE = Duration.ofMinutes(5);

    private static final Duration TRAFFIC_PATIENCE = Duration.ofMinutes(2);

    /** A consumer that was killed says nothing: its group waits out the session timeout (45 s) first. */
    private static final Duration MOVE_PATIENCE = Duration.ofMinutes(2);

    private static final int ANSWERS_BEFORE_KILL = 120;

    private static final int ANSWERS_AFTER_KILL = 80;

    /** A second moderator, seeded on both moderation instances, to meet the first one's claims. */
    private static final String SECOND_MODERATOR = "alex";

    private static final String SECOND_MODERATOR_PASSWORD = "second-moderator-password";

    /** A BCrypt hash of {@link #SECOND_MODERATOR_PASSWORD}, as accounts are seeded. */
    private static final String SECOND_MODERATOR_PASSWORD_HASH =
            "$2a$10$i49vlHHe0x4nIuXSEEf9jeczDg/7Tnj9BIiPBSh0T81g88WD2Jdva";

    /** Closed after the test, whatever happened: its services, store and broker stop. */
    @AutoClose
    private SharedPlumbing plumbing;

    @Test
    void oneInstanceOfEachKilledMidLoadLosesNothingAndPublishesNothingTwice() throws Exception {
        long seed = new SecureRandom().nextLong();
        log.info("Two-of-everything seed {}", seed);
        Random random = new Random(seed);
        plumbing = SharedPlumbing.start();
        ServiceLines firstLines = new ServiceLines();
        ServiceLines secondLines = new ServiceLines();
        NewsdeskServices first = plumbing.started(instances(firstLines));
        NewsdeskServices second = plumbing.started(instances(secondLines));
        first.awaitReady(START_PATIENCE);
        second.awaitReady(START_PATIENCE);
        NewsdeskApi throughFirst = SharedPlumbing.api(first);
        NewsdeskApi throughSecond = SharedPlumbing.api(second);
        Ledger ledger = new Ledger();

        // A moderator's session and claim made on one moderation instance hold on the other,
        // before the traffic starts
        moderatorsWorkThroughEitherInstance(first, second, throughFirst, throughSecond);

        // Given residents, moderators and readers at work through both instances of each service
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger pagesRead = new AtomicInteger();
        Thread readers = new Thread(() -> readThroughBoth(throughFirst, throughSecond, reading, pagesRead), "readers");
        readers.setDaemon(true);
        readers.start();
        Traffic onFirst = Traffic.start(throughFirst, ledger, random);
        Traffic onSecond = Traffic.start(throughSecond, ledger, random);
        await("traffic to reach " + ANSWERS_BEFORE_KILL + " acknowledged answers")
                .atMost(TRAFFIC_PATIENCE)
                .until(() -> ledger.acknowledged() >= ANSWERS_BEFORE_KILL);
        int tipsThroughFirst = ledger.tips().size();

        // When one instance of each service is killed with SIGKILL, mid-load
        int linesBeforeKill = secondLines.text().length();
        throughSecond.answersSinceLastAsked();
        Instant killed = Instant.now();
        for (Service service : Service.values()) {
            first.get(service).process().destroyForcibly();
        }
        onFirst.close();
        int acknowledgedAtKill = ledger.acknowledged();

        // Then the other instance of each takes over its partitions
        Map<Service, Duration> moved = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            String assigned = service.jarName().replace(".jar", "") + ": partitions assigned";
            await(service.shortName() + "'s partitions to move")
                    .atMost(MOVE_PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> secondLines.text().substring(linesBeforeKill).contains(assigned));
            moved.put(service, Duration.between(killed, Instant.now()));
        }

        // And the work goes on through the remaining instances
        await("traffic to reach " + (acknowledgedAtKill + ANSWERS_AFTER_KILL) + " acknowledged answers after the kill")
                .atMost(TRAFFIC_PATIENCE)
                .until(() -> ledger.acknowledged() >= acknowledgedAtKill + ANSWERS_AFTER_KILL);
        onSecond.close();
        reading.set(false);
        readers.join();
        Map<Integer, Integer> metAfterKill = throughSecond.answersSinceLastAsked();
        log.info(
                "Killed one instance of each with {} answers acknowledged ({} tips); partitions moved after {};"
                        + " the remaining instances answered {} (status: count, 0 for none: {}) until {} more were"
                        + " acknowledged; readers read {} pages through both",
                acknowledgedAtKill,
                tipsThroughFirst,
                moved,
                metAfterKill,
                throughSecond.unanswered(),
                ANSWERS_AFTER_KILL,
                pagesRead.get());

        // And every acknowledged answer holds: each tip comes through, decided once, one story per tip
        AcknowledgedAnswers.holdOn(throughSecond, ledger, "seed " + seed + ", one instance of each killed");
        // (a call without an answer is reported above, not failed: a client's retry with its key is safe)
        assertThat(metAfterKill.keySet())
                .as("what clients of the remaining instances met")
                .allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(pagesRead.get()).as("pages readers read").isPositive();
    }

    /**
     * A moderator signed in through one instance is signed in on the other. The first moderator
     * claims a tip through one instance; a second moderator trying to decide it through the other
     * is told who holds it; the first decides it through the other.
     */
    private static void moderatorsWorkThroughEitherInstance(
            NewsdeskServices first, NewsdeskServices second, NewsdeskApi throughFirst, NewsdeskApi throughSecond)
            throws IOException, InterruptedException {
        String headline = "Bins not collected on Mill Lane";
        String tipId = throughFirst
                .submitTip(headline, "Third week running, the bins were left.", "Sandiacre")
                .orElseThrow()
                .tipId();
        await("the tip in the queue of the second moderation instance")
                .atMost(TRAFFIC_PATIENCE)
                .until(() -> throughSecond.queuedTipIds().contains(tipId));

        ModeratorSession signedInOnFirst = ModeratorSession.signIn(
                first.moderation().baseUrl(), NewsdeskApi.MODERATOR, NewsdeskApi.MODERATOR_PASSWORD);
        HttpResponse<String> queueOnSecond =
                signedInOnFirst.at(second.moderation().baseUrl()).get("/queue");
        assertThat(queueOnSecond.statusCode()).isEqualTo(200);
        assertThat(queueOnSecond.uri().getPath())
                .as("the session made on the first instance, on the second")
                .isEqualTo("/queue");
        assertThat(queueOnSecond.body()).contains(headline);

        assertThat(throughFirst.claim(tipId)).isEqualTo(NewsdeskApi.MODERATOR);

        NewsdeskApi.DecisionAnswer otherModerator = throughSecond
                .signedInAs(SECOND_MODERATOR, SECOND_MODERATOR_PASSWORD)
                .decision(tipId, "REJECTED", "Not for us");
        assertThat(otherModerator)
                .as("a decision through the other instance by someone who does not hold the claim")
                .isEqualTo(new NewsdeskApi.DecisionAnswer(409, NewsdeskApi.MODERATOR));
        assertThat(throughSecond.decide(tipId, "REJECTED", "A matter for the council"))
                .as("the claim holder's decision through the other instance")
                .isEqualTo(200);
    }

    /** Readers on both publishing instances, one and then the other, until told to stop. */
    private static void readThroughBoth(
            NewsdeskApi first, NewsdeskApi second, AtomicBoolean reading, AtomicInteger pagesRead) {
        NewsdeskApi[] both = {first, second};
        for (int turn = 0; reading.get(); turn++) {
            try {
                both[turn % 2].allStories();
                pagesRead.incrementAndGet();
            } catch (IOException | RuntimeException gone) {
                // The first instance was killed: a load balancer would send this reader to the other.
                both[0] = second;
            }
        }
    }

    private NewsdeskServices.Starter instances(ServiceLines lines) {
        return plumbing.services(lines)
                // Every resident here comes from one address, as through one proxy.
                .property(Service.SUBMISSION, "newsdesk.submission.tip-rate-limit", "0")
                .property(
                        Service.MODERATION,
                        "newsdesk.moderator.accounts." + SECOND_MODERATOR + ".password-hash",
                        SECOND_MODERATOR_PASSWORD_HASH);
    }
}
