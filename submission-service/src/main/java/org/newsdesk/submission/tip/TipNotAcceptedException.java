package org.newsdesk.submission.tip;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The store did not acknowledge the tip in time, so it was not accepted. */
class TipNotAcceptedException extends ErrorResponseException {

    TipNotAcceptedException(Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "We could not take your tip right now. Please send it again in a moment.");
        problem.setTitle("Tip not accepted");
        return problem;
    }
}
