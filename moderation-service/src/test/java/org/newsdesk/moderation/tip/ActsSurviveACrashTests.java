package org.newsdesk.moderation.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.record.Act;
import org.newsdesk.moderation.record.EditorialAct;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * An act is stored in the tip with the change it records, so a process that dies before moving it
 * to the record loses nothing: the sweep moves it, and moving it again leaves one line.
 */
@ModerationIntegrationTest
class ActsSurviveACrashTests {

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ModeratedTips tips;

    @Autowired
    EditorialRecordRelay relay;

    @Test
    void anActLeftOnTheTipByACrashIsRecordedByTheSweepExactlyOnce() {
        // Given a tip and an act written into it by a claim whose process died before moving it to the record
        TipSubmitted submitted = TestTips.policePlan(TestTips.newTipId());
        tips.receive(submitted.tipId(), Submission.from(submitted), submitted.revision(), Instant.now())
                .block(Duration.ofSeconds(10));
        PendingAct claimed =
                PendingAct.of(Instant.now(), "moderator", Act.CLAIMED, "Claimed the tip to work on it", null);
        mongo.updateFirst(
                        query(where("_id").is(submitted.tipId())),
                        new Update().push(EditorialRecordRelay.PENDING, claimed),
                        ModeratedTip.class)
                .block(Duration.ofSeconds(10));

        // When the sweep runs, as at every start, twice over
        relay.sweep().block(Duration.ofSeconds(30));
        relay.relay(submitted.tipId()).block(Duration.ofSeconds(30));
        // And a crash after the record's insert but before the tip was cleaned up is replayed
        mongo.updateFirst(
                        query(where("_id").is(submitted.tipId())),
                        new Update().push(EditorialRecordRelay.PENDING, claimed),
                        ModeratedTip.class)
                .block(Duration.ofSeconds(10));
        relay.sweep().block(Duration.ofSeconds(30));

        // Then the record holds the act once, and nothing waits on the tip any more
        List<EditorialAct> lines = mongo.find(
                        query(where(EditorialAct.TIP_ID).is(submitted.tipId())), EditorialAct.class)
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(lines).extracting(EditorialAct::id).containsExactly(claimed.actId());
        assertThat(lines.get(0).act()).isEqualTo(Act.CLAIMED);
        assertThat(mongo.exists(
                                query(where("_id")
                                        .is(submitted.tipId())
                                        .and(EditorialRecordRelay.PENDING)
                                        .exists(true)),
                                ModeratedTip.class)
                        .block(Duration.ofSeconds(10)))
                .isFalse();
    }

    @Test
    void aWriteMovesItsOwnActsAtOnceAndLeavesAnOlderOneWaitingForItsRetry() {
        // Given a tip holding an act whose move failed earlier (the store hiccupped after the write)
        TipSubmitted submitted = TestTips.policePlan(TestTips.newTipId());
        String tipId = submitted.tipId();
        tips.receive(tipId, Submission.from(submitted), submitted.revision(), Instant.now())
                .block(Duration.ofSeconds(10));
        PendingAct earlier = PendingAct.of(
                Instant.now(), "moderator", Act.CONTACT_SHOWN, "Saw the resident's contact details", null);
        mongo.updateFirst(
                        query(where("_id").is(tipId)),
                        new Update().push(EditorialRecordRelay.PENDING, earlier),
                        ModeratedTip.class)
                .block(Duration.ofSeconds(10));

        // When a moderator claims the tip, and then releases it
        Instant now = Instant.now();
        tips.claim(tipId, "moderator", now, now.plusSeconds(600)).block(Duration.ofSeconds(10));

        // Then the claim is on record at once, and the earlier act still waits on the tip, not lost
        assertThat(actsOnRecord(tipId)).containsExactly(Act.CLAIMED);
        assertThat(waitingOnTheTip(tipId)).containsExactly(earlier.actId());

        // And once it is moved too (its retry, or the sweep), and the release moved its own act, nothing waits
        relay.sweep().block(Duration.ofSeconds(30));
        tips.release(tipId, "moderator", Instant.now()).block(Duration.ofSeconds(10));
        assertThat(actsOnRecord(tipId)).containsExactlyInAnyOrder(Act.CLAIMED, Act.CONTACT_SHOWN, Act.RELEASED);
        assertThat(mongo.exists(
                                query(where("_id")
                                        .is(tipId)
                                        .and(EditorialRecordRelay.PENDING)
                                        .exists(true)),
                                ModeratedTip.class)
                        .block(Duration.ofSeconds(10)))
                .isFalse();
    }

    private List<Act> actsOnRecord(String tipId) {
        return mongo.find(query(where(EditorialAct.TIP_ID).is(tipId)), EditorialAct.class)
                .map(EditorialAct::act)
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    private List<String> waitingOnTheTip(String tipId) {
        return mongo.findById(tipId, EditorialRecordRelay.Pending.class)
                .map(pending ->
                        pending.recordPending().stream().map(PendingAct::actId).toList())
                .block(Duration.ofSeconds(10));
    }
}
