package org.newsdesk.moderation.tip;

/**
 * Where a tip stands with the moderators. A tip moves from PENDING to DECIDED once and never back;
 * a tip on hold stays PENDING (back in the queue) with its HELD decision beside it.
 */
public enum TipState {
    PENDING,
    DECIDED
}
