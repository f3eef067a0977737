package org.newsdesk.submission.receipt;

/**
 * Where a tip stands, as its resident sees it. A status only ever moves to a higher rank, so
 * events read late, out of order or twice cannot move a receipt backwards.
 */
public enum ReceiptStatus {

    RECEIVED(0),
    /** Approved by a moderator and on its way to being published. */
    IN_REVIEW(1),
    PUBLISHED(2),
    DECLINED(2);

    private final int rank;

    ReceiptStatus(int rank) {
        this.rank = rank;
    }

    int rank() {
        return rank;
    }
}
