package org.newsdesk.submission.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.receipt.Receipts;
import org.newsdesk.submission.tip.SubmittedTips;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.index.IndexInfo;

/** The store's indexes are there once the service has started, each named and as the store's promises need it. */
@SubmissionIntegrationTest
class SubmissionStoreIndexesTests {

    @Autowired
    ReactiveMongoOperations mongo;

    @Test
    void everyIndexIsMadeAtStartNamedAndSparseAndUniqueWhereItIdentifies() {
        // Given the service has started
        // When its store is asked for its indexes
        List<IndexInfo> tips = indexes(SubmittedTips.COLLECTION);
        List<IndexInfo> receipts = indexes(Receipts.COLLECTION);

        // Then one tip per idempotency key and per receipt code (beside the outbox's own index), and
        // one receipt per code, each unique and sparse (most tips have no key; a receipt may not
        // know its code yet); and the retention sweep's index, sparse, on the receipts still to erase;
        // the relay's, sparse, on the receipts with an email pending; and one on the tip a duplicate repeats
        assertThat(tips)
                .extracting(IndexInfo::getName, IndexInfo::isUnique, IndexInfo::isSparse)
                .contains(tuple("idempotency_key", true, true), tuple("receipt_digest", true, true));
        assertThat(receipts)
                .filteredOn(index -> !index.getName().equals("_id_"))
                .extracting(IndexInfo::getName, IndexInfo::isUnique, IndexInfo::isSparse)
                .containsExactlyInAnyOrder(
                        tuple("receiptDigest_1", true, true),
                        tuple("receipt_contact_erasable_at", false, true),
                        tuple("receipt_notice_due_at", false, true),
                        tuple("receipt_duplicate_of", false, true));
    }

    private List<IndexInfo> indexes(String collection) {
        return mongo.indexOps(collection).getIndexInfo().collectList().block(Duration.ofSeconds(10));
    }
}
