package org.newsdesk.submission.receipt;

/**
 * Where a tip stands, as its resident sees it. A receipt works it out from the latest revisions
 * of the tip's decision and story it has read (see {@link Receipt}), so events read late, out of
 * order or twice cannot move it, and a newer decision can.
 */
public enum ReceiptStatus {
    RECEIVED,
    /** Approved by a moderator and on its way to being published. */
    IN_REVIEW,
    PUBLISHED,
    DECLINED,
    /** Published, then withdrawn by the editors for a public reason: final. */
    WITHDRAWN
}
