package org.newsdesk.submission.store;

import org.newsdesk.messaging.store.StoreIndexes;
import org.newsdesk.submission.receipt.Receipts;
import org.newsdesk.submission.tip.SubmittedTips;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;

/**
 * Every index of the service's store, in one place; made at start, before a request is taken or a
 * topic read. Each is sparse, because some documents rightly lack the field: a real MongoDB would
 * otherwise take every missing value for the same one (and index every document for nothing).
 * Those on what identifies a tip are unique, because that is part of what the store promises.
 */
@Configuration(proxyBeanMethods = false)
class SubmissionStoreIndexes {

    @Bean
    StoreIndexes submissionIndexes() {
        return StoreIndexes.declare()
                // One tip per idempotency key, however many retries race; most tips come without one.
                .on(
                        SubmittedTips.COLLECTION,
                        unique(SubmittedTips.IDEMPOTENCY_KEY_DIGEST, "idempotency_key"),
                        // One tip per receipt code; found by it until its receipt is built from the topic.
                        unique(SubmittedTips.RECEIPT_DIGEST, "receipt_digest"))
                // Two tips sharing a code would let one resident see the other's tip. A receipt made
                // by a decision that overtook its submission has no digest yet. Named as MongoDB named
                // it when it was made without a name, so that stores made before keep theirs.
                .on(
                        Receipts.COLLECTION,
                        unique(Receipts.RECEIPT_DIGEST, "receiptDigest_1"),
                        // What the retention sweep asks for: only receipts with something left to
                        // erase have the field, so the index stays as small as what is due.
                        new Index()
                                .on(Receipts.CONTACT_ERASABLE_AT, Sort.Direction.ASC)
                                .sparse()
                                .named("receipt_contact_erasable_at"),
                        // What the relay of emails to residents asks for: only receipts with an
                        // email pending have the field.
                        new Index()
                                .on(Receipts.NOTICE_DUE_AT, Sort.Direction.ASC)
                                .sparse()
                                .named("receipt_notice_due_at"),
                        // The tips a new story covers, closed as duplicates of its tip.
                        new Index()
                                .on(Receipts.DUPLICATE_OF, Sort.Direction.ASC)
                                .sparse()
                                .named("receipt_duplicate_of"));
    }

    private static Index unique(String field, String name) {
        return new Index().on(field, Sort.Direction.ASC).unique().sparse().named(name);
    }
}
