package org.newsdesk.submission.privacy;

import java.util.List;

/**
 * A tip whose contact details are to be erased, as the receipts know it.
 *
 * @param state          how the retention counter names the tip's state: {@code declined},
 *                       {@code published}, {@code withdrawn} or {@code undecided}
 * @param unusedPhotoIds its photos as received that no approving decision chose for a story
 * @param complete       whether its submission was read, so that its photos are known: an erasure
 *                       is finished only then, and until then the sweep comes back to it
 */
public record ErasableTip(String tipId, String state, List<String> unusedPhotoIds, boolean complete) {

    public ErasableTip {
        unusedPhotoIds = List.copyOf(unusedPhotoIds);
    }
}
