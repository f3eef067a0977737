package org.newsdesk.moderation.tip;

/**
 * Where a tip stands with the moderators. A tip moves from PENDING to DECIDED or WITHDRAWN once and
 * never back; a tip on hold stays PENDING (back in the queue) with its HELD decision beside it.
 */
public enum TipState {
    PENDING,
    DECIDED,
    /** The resident withdrew it before anyone decided it: out of the queue, never to be decided. */
    WITHDRAWN
}
