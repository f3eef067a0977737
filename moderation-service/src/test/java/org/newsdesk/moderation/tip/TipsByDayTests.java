package org.newsdesk.moderation.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.TestTips;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The tips sent around a time are found through their days, by id: waiting and live ones within
 * the window, the newest first, and tips stored before the days existed once the service starts.
 */
@ModerationIntegrationTest
class TipsByDayTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ModeratedTips tips;

    @Autowired
    TipsByDay days;

    @Autowired
    ReactiveMongoOperations mongo;

    @Test
    void theWaitingTipsOfTheWindowAreFoundNewestFirstAndADeclinedOneIsNot() {
        // Given three tips a few hours apart years ago (a window no other test uses), one of them declined
        Instant noon = Instant.parse("2019-03-14T12:00:00Z");
        String early = receive(noon.minus(Duration.ofHours(30)));
        String declined = receive(noon.minus(Duration.ofHours(2)));
        String late = receive(noon.plus(Duration.ofHours(20)));
        String outside = receive(noon.plus(Duration.ofDays(9)));
        mongo.updateFirst(
                        query(where("_id").is(declined)),
                        new Update().set(ModeratedTips.STATE, TipState.DECIDED),
                        ModeratedTip.class)
                .block(PATIENCE);

        // When the tips sent within a week of noon are asked for
        List<String> found = tips.waitingOrLiveSentBetween(
                        noon.minus(Duration.ofDays(7)), noon.plus(Duration.ofDays(7)), 10)
                .map(ModeratedTip::tipId)
                .collectList()
                .block(PATIENCE);

        // Then the waiting ones of the window come, the newest first, without their histories
        assertThat(found).containsExactly(late, early).doesNotContain(declined, outside);
    }

    @Test
    void aTipStoredBeforeTheDaysExistedIsNotedOnItsDayAtStart() {
        // Given a tip of an hour ago and no days at all, as for tips stored before days existed
        Instant sent = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        String tipId = receive(sent);
        mongo.dropCollection(TipsByDay.Noted.class).block(PATIENCE);
        assertThat(sentAround(sent)).doesNotContain(tipId);

        // When the service starts for the first time with days
        days.run(null);

        // Then the tip is on its day again
        await().atMost(PATIENCE).until(() -> sentAround(sent).contains(tipId));
    }

    @Test
    void eachTipIsASmallDocumentOfItsOwnHoweverManyTheDayHolds() {
        // Given a day long ago with many tips already noted on it
        Instant morning = Instant.parse("2018-06-02T08:00:00Z");
        Map<String, Instant> earlier = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            earlier.put(TestTips.newTipId(), morning.plusSeconds(i));
        }
        days.note(earlier).block(PATIENCE);

        // When one more is noted that day
        String tipId = TestTips.newTipId();
        days.note(Map.of(tipId, morning.plus(Duration.ofHours(3)))).block(PATIENCE);

        // Then it is a document of its own naming only that tip, and the day's tips are all found
        TipsByDay.Noted noted = mongo.findById(tipId, TipsByDay.Noted.class).block(PATIENCE);
        assertThat(noted).isEqualTo(new TipsByDay.Noted(tipId, "2018-06-02", morning.plus(Duration.ofHours(3))));
        assertThat(days.sentBetween(morning, morning.plus(Duration.ofHours(4)))
                        .count()
                        .block(PATIENCE))
                .isEqualTo(201);
    }

    private String receive(Instant sentAt) {
        String tipId = TestTips.newTipId();
        tips.receive(tipId, Submission.from(TestTips.policePlan(tipId, sentAt)), 1, sentAt)
                .block(PATIENCE);
        return tipId;
    }

    private List<String> sentAround(Instant at) {
        return days.sentBetween(at.minus(Duration.ofMinutes(1)), at.plus(Duration.ofMinutes(1)))
                .map(TipsByDay.Sent::tipId)
                .collectList()
                .block(PATIENCE);
    }
}
