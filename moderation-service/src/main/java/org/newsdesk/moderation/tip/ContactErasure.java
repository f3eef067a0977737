package org.newsdesk.moderation.tip;

import java.time.Instant;
import org.newsdesk.events.ContactErased;

/**
 * The resident's contact details were erased: the tip no longer keeps them, sealed or in clear,
 * and nothing could open them any more (their data key is deleted).
 *
 * @param at           when they were erased
 * @param cause        the resident asked, or the retention period ran out
 * @param photosErased whether the photos as received went with them (those no story uses)
 */
public record ContactErasure(Instant at, ContactErased.Cause cause, boolean photosErased) {}
