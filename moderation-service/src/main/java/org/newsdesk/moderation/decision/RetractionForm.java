package org.newsdesk.moderation.decision;

import org.newsdesk.moderation.editorial.RetractionRequest;

/**
 * The tip page's withdrawal form as a browser posts it.
 *
 * @param confirm {@code yes} when the editor ticked that they understand the story leaves readers
 */
record RetractionForm(String reason, String confirm) {

    static final RetractionForm EMPTY = new RetractionForm(null, null);

    RetractionRequest request() {
        return new RetractionRequest(reason == null || reason.isBlank() ? null : reason.strip());
    }

    boolean confirmed() {
        return "yes".equals(confirm);
    }
}
