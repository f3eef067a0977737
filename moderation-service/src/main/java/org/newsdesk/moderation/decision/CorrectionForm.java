package org.newsdesk.moderation.decision;

import org.newsdesk.moderation.editorial.CorrectionRequest;

/** The tip page's correction form as a browser posts it: the whole text as readers will read it, and the note. */
record CorrectionForm(String headline, String body, String note) {

    CorrectionRequest request() {
        return new CorrectionRequest(text(headline), text(body), note == null || note.isBlank() ? null : note.strip());
    }

    /** Browsers send a textarea's line breaks as CRLF, which is no correction; an emptied field is left to validation. */
    private static String text(String value) {
        return value == null ? null : value.replace("\r\n", "\n");
    }
}
