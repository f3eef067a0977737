package org.newsdesk.moderation.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipDecided;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.moderation.TestTips;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The same single-document guarantees against a real MongoDB, the production target. Skipped
 * on machines without Docker, where the in-process server stands in for it.
 */
@DataMongoTest
@Import(ModeratedTips.class)
@Testcontainers(disabledWithoutDocker = true)
class ModeratedTipsOnRealMongoTests {

    @Container
    @ServiceConnection
    static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    ModeratedTips tips;

    @Autowired
    ReactiveMongoOperations operations;

    @Test
    void aRedeliveredTipIsStoredOnce() {
        // Given a tip that was received
        String tipId = TestTips.newTipId();
        Submission submission = Submission.from(TestTips.policePlan(tipId));
        assertThat(tips.receive(tipId, submission, 1, Instant.now()).block(TIMEOUT))
                .isTrue();

        // When it is received again
        Boolean again = tips.receive(tipId, submission, 1, Instant.now()).block(TIMEOUT);

        // Then nothing new is stored
        assertThat(again).isFalse();
        assertThat(tips.pending(1000)
                        .filter(tip -> tip.tipId().equals(tipId))
                        .count()
                        .block(TIMEOUT))
                .isOne();
    }

    @Test
    void ofSimultaneousDecisionsOnlyOneIsRecorded() {
        // Given a pending tip
        String tipId = TestTips.newTipId();
        Submission submission = Submission.from(TestTips.policePlan(tipId));
        tips.receive(tipId, submission, 1, Instant.now()).block(TIMEOUT);
        ModeratedTip pending = tips.find(tipId).block(TIMEOUT);

        // When four decisions are written at once
        List<ModeratedTip> winners = Flux.range(0, 4)
                .flatMap(i -> Mono.defer(() -> tips.decide(pending, decision(submission, "moderator-" + i)))
                        .subscribeOn(Schedulers.parallel()))
                .collectList()
                .block(TIMEOUT);

        // Then exactly one of them took effect, and it waits to be announced
        assertThat(winners).hasSize(1);
        ModeratedTip stored = tips.find(tipId).block(TIMEOUT);
        assertThat(stored.state()).isEqualTo(TipState.DECIDED);
        assertThat(stored.decision().decidedBy())
                .isEqualTo(winners.get(0).decision().decidedBy());
        assertThat(stored.revision()).isEqualTo(2);
        Document raw = operations
                .findById(tipId, Document.class, ModeratedTip.COLLECTION)
                .block(TIMEOUT);
        assertThat(raw.getList(Outbox.ENTRIES, Document.class))
                .singleElement()
                .satisfies(entry -> assertThat(entry.getString("payload"))
                        .contains(stored.decision().eventId()));
    }

    private static Decision decision(Submission submission, String moderator) {
        return new Decision(
                UUID.randomUUID().toString(),
                TipDecided.Outcome.APPROVED,
                submission.headline(),
                submission.body(),
                new Decision.OriginalText(submission.headline(), submission.body()),
                null,
                moderator,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
