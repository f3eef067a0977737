package org.newsdesk.moderation.editorial;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an editor sends to correct a published story: the text exactly as readers will read it, and
 * the public note. The limits are a decision's, so a corrected story fits wherever a published one does.
 *
 * @param headline the corrected headline, or {@code null} to keep the one readers see now
 * @param body     the corrected body, or {@code null} to keep the one readers see now
 * @param note     what was wrong and what changed, as readers read it at the top of the story
 */
public record CorrectionRequest(
        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK) @Size(max = MAX_HEADLINE, message = AT_MOST)
        String headline,

        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK) @Size(max = MAX_BODY, message = AT_MOST)
        String body,

        @NotNull(message = REQUIRED)
        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK)
        @Size(max = MAX_NOTE, message = AT_MOST)
        String note) {

    // A decision's limits (DecisionRequest): a corrected story fits wherever the published one did.
    static final int MAX_HEADLINE = 300;
    static final int MAX_BODY = 20_000;
    static final int MAX_NOTE = 2_000;

    static final String REQUIRED = "is required";
    static final String NOT_BLANK = "must not be blank";
    static final String AT_MOST = "must be at most {max} characters";
    static final String SOME_TEXT = "(?s).*\\S.*";
}
