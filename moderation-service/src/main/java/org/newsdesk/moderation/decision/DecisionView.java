package org.newsdesk.moderation.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;

/**
 * The recorded decision as the moderator gets it back.
 *
 * @param headline what will be published: the edit if there was one, else the resident's words
 * @param original the resident's own words, whatever was edited
 * @param edits    which of {@code headline} and {@code body} the moderator changed
 */
record DecisionView(
        String tipId,
        Outcome outcome,
        String headline,
        String body,
        String reason,
        String decidedBy,
        Instant decidedAt,
        Decision.OriginalText original,
        List<String> edits,
        long revision,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reasonCode,
        List<StoryPhoto> photos,
        @JsonInclude(JsonInclude.Include.NON_NULL) String duplicateOf,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

    static DecisionView of(ModeratedTip tip) {
        Decision decision = tip.decision();
        return new DecisionView(
                tip.tipId(),
                decision.outcome(),
                decision.headline(),
                decision.body(),
                decision.reason(),
                decision.decidedBy(),
                decision.decidedAt(),
                decision.original(),
                decision.edits(),
                tip.revision(),
                decision.reasonCode(),
                decision.photos(),
                decision.duplicateOf(),
                decision.note());
    }
}
