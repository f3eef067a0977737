package org.newsdesk.moderation.tip;

/** Where a tip stands with the moderators. A tip moves from PENDING to DECIDED once and never back. */
public enum TipState {
    PENDING, DECIDED
}
