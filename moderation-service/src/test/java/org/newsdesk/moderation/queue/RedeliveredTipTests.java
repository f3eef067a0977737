package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A tip stored without its queue notice (the service died between the two writes) reaches the
 * queue when Kafka delivers its event again, not only at the next resync minutes later.
 */
@ModerationIntegrationTest
class RedeliveredTipTests {

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Test
    void aTipStoredWithoutItsNoticeJoinsTheQueueWhenItsEventComesAgain() throws Exception {
        // Given a tip stored as the intake stores it, but whose queue notice was never written
        ModerationTestClient moderation = new ModerationTestClient(web, kafka);
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        tips.receive(tip.tipId(), Submission.from(tip), tip.revision(), tip.submittedAt())
                .block(Duration.ofSeconds(30));

        // When Kafka delivers its event again
        moderation.submit(tip);

        // Then the queue shows it, well before the next resync of the queue's order
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(() -> assertThat(moderation.queuedTipIds()).contains(tip.tipId()));
    }
}
