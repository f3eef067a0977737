package org.newsdesk.submission.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Date;

import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tips residents sent, as this service keeps them until Kafka has them: one document per tip,
 * written once, whose outbox holds the {@code TipSubmitted}. Once the relay has sent the event the
 * document keeps only the tip's id, revision, receipt digest and time: the resident's words and
 * contact details live on in the log, not here.
 */
@Component
class SubmittedTips {

    static final String COLLECTION = "tips";

    private final ReactiveMongoOperations mongo;

    SubmittedTips(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Stores the new tip with its event in one write. The tip id is new, so the upsert inserts;
     * written as an insert-only upsert all the same, a retried write can never store it twice.
     */
    Mono<Void> store(TipSubmitted tip) {
        Update insert = new Update()
                .setOnInsert("revision", tip.revision())
                .setOnInsert("receiptDigest", tip.receiptDigest())
                .setOnInsert("submittedAt", Date.from(tip.submittedAt()));
        Outbox.announceOnInsert(insert, Topics.TIPS_SUBMITTED, tip);
        return mongo.upsert(query(where("_id").is(tip.tipId())), insert, COLLECTION).then();
    }
}
