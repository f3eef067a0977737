package org.newsdesk.submission.tip;

import java.time.Duration;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The tip could not be taken just now (the store did not acknowledge it in time, or every photo
 * decoder was busy), so it was not accepted. Its own type because the tip form catches it, to
 * show the form again with everything the resident wrote.
 */
class TipNotAcceptedException extends ProblemException {

    TipNotAcceptedException(Duration retryAfter, Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Tip not accepted",
                "We could not take your tip right now. Please send it again in a moment.",
                cause);
        retryAfter(retryAfter);
    }
}
