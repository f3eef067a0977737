package org.newsdesk.endtoend.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.endtoend.NewsdeskDistribution;
import org.newsdesk.endtoend.ServiceLines;
import org.newsdesk.launcher.LocalKafkaBroker;
import org.newsdesk.launcher.LocalMongoServer;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.newsdesk.testsupport.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two of everything: two instances of each service, the packaged jars, on one broker and one
 * store, as behind a load balancer. Residents send tips through both submission instances,
 * moderators decide (and, being editors, correct and retract) through both moderation instances,
 * readers read through both publishing instances. Mid-load one instance of each is killed with
 * SIGKILL and the traffic goes on through the others: their consumers take over the partitions,
 * nothing acknowledged is lost and nothing is published twice. The figures (how long the
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

    private static final String PRIVACY_KEY = "bmV3c2Rlc2stZW5kLXRvLWVuZC1wcml2YWN5LWtleSE=";

    @TempDir
    Path dataDir;

    private LocalKafkaBroker kafka;
    private LocalMongoServer mongo;
    private NewsdeskServices first;
    private NewsdeskServices second;

    @AfterEach
    void stopEverything() {
        for (AutoCloseable running : new AutoCloseable[] {first, second, mongo, kafka}) {
            if (running != null) {
                try {
                    running.close();
                } catch (Exception ex) {
                    log.warn("Could not stop {}", running, ex);
                }
            }
        }
    }

    @Test
    void oneInstanceOfEachKilledMidLoadLosesNothingAndPublishesNothingTwice() throws Exception {
        long seed = new SecureRandom().nextLong();
        log.info("Two-of-everything seed {}", seed);
        Random random = new Random(seed);
        kafka = LocalKafkaBroker.start(dataDir, FreePorts.loopback(), FreePorts.loopback());
        mongo = LocalMongoServer.start(dataDir, 0);
        ServiceLines firstLines = new ServiceLines();
        ServiceLines secondLines = new ServiceLines();
        first = instances(firstLines);
        second = instances(secondLines);
        first.awaitReady(START_PATIENCE);
        second.awaitReady(START_PATIENCE);
        NewsdeskApi throughFirst = api(first);
        NewsdeskApi throughSecond = api(second);
        Ledger ledger = new Ledger();

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

    private NewsdeskServices instances(ServiceLines lines) {
        NewsdeskServices.Starter starter = NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString())
                .servicesDirectory(NewsdeskDistribution.servicesDirectory())
                .randomPorts()
                .output(lines.stream());
        return starter.property(
                        Service.PUBLISHING,
                        "newsdesk.publishing.public-base-url",
                        "http://localhost:" + starter.port(Service.PUBLISHING))
                // Every resident here comes from one address, as through one proxy.
                .property(Service.SUBMISSION, "newsdesk.submission.tip-rate-limit", "0")
                // The embedded run's moderator account, which NewsdeskApi signs in with.
                .property(Service.MODERATION, "newsdesk.moderator.local-default-password-allowed", "true")
                .property("newsdesk.privacy.key", PRIVACY_KEY)
                .start();
    }

    private static NewsdeskApi api(NewsdeskServices services) {
        return new NewsdeskApi(
                services.submission().baseUrl(),
                services.moderation().baseUrl(),
                services.publishing().baseUrl());
    }
}
