package org.newsdesk.moderation.tip;

import java.time.Instant;

/**
 * The resident asked to withdraw the tip. Before anyone decided it, that made the tip
 * {@link TipState#WITHDRAWN}; after, the decision stands and this only notes that they asked.
 *
 * @param at            when the resident asked
 * @param afterDecision whether the tip was already decided when the request reached this service,
 *                      which owns decisions and so tells which came first
 */
public record Withdrawal(Instant at, boolean afterDecision) {}
