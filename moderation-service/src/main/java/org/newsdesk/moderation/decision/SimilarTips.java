package org.newsdesk.moderation.decision;

import org.newsdesk.moderation.tip.ModeratedTip;
import reactor.core.publisher.Flux;

/**
 * The tips a moderator may find this one repeats, the likeliest first, so that marking a duplicate
 * takes one click rather than a pasted id. Named for its role: the embedded store has no text
 * search, so it is answered by scoring a bounded set in memory; on MongoDB it could ask a text index.
 */
interface SimilarTips {

    /** A handful at most, waiting or published, never the tip itself. */
    Flux<ModeratedTip> like(ModeratedTip tip);
}
