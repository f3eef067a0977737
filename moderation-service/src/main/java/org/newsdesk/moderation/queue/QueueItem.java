package org.newsdesk.moderation.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.Submission;

/**
 * One undecided tip as a moderator reads it.
 *
 * @param contactGiven whether the resident left a way to reach them; the details themselves are
 *                     only ever shown on the tip's page, opened there and put on its history
 * @param photos       the photos the moderator can still see: those erased with the resident's
 *                     contact details are left out
 * @param claim        who is working on it and until when, while someone is
 * @param heldNote     why it waits, when a moderator put it on hold
 */
record QueueItem(
        String tipId,
        String headline,
        String body,
        String area,
        String category,
        Instant submittedAt,
        Instant receivedAt,
        boolean contactGiven,
        int photoCount,
        List<PhotoReference> photos,
        @JsonInclude(JsonInclude.Include.NON_NULL) ClaimView claim,
        @JsonInclude(JsonInclude.Include.NON_NULL) String heldNote,
        long revision) {

    static QueueItem of(ModeratedTip tip, Instant now, Function<String, String> displayNames) {
        Submission submission = tip.submission();
        Claim claim = tip.claimAt(now);
        List<PhotoReference> photos = submission.photos().stream()
                .filter(photo -> !tip.photoErased(photo.id()))
                .toList();
        return new QueueItem(
                tip.tipId(),
                submission.headline(),
                submission.body(),
                submission.area(),
                submission.category(),
                submission.submittedAt(),
                tip.receivedAt(),
                submission.hasContact(),
                photos.size(),
                photos,
                claim == null
                        ? null
                        : new ClaimView(claim.holder(), displayNames.apply(claim.holder()), claim.expiresAt()),
                tip.hold() == null ? null : tip.hold().note(),
                tip.revision());
    }

    record ClaimView(String holder, String holderName, Instant expiresAt) {}
}
