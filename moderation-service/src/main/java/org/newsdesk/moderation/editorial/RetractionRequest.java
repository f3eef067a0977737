package org.newsdesk.moderation.editorial;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an editor sends to withdraw a published story: the public reason readers and the resident read. */
public record RetractionRequest(
        @NotNull(message = CorrectionRequest.REQUIRED)
        @Pattern(regexp = CorrectionRequest.SOME_TEXT, message = CorrectionRequest.NOT_BLANK)
        @Size(max = CorrectionRequest.MAX_NOTE, message = CorrectionRequest.AT_MOST)
        String reason) {}
