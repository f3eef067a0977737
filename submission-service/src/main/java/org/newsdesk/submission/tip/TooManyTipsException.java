package org.newsdesk.submission.tip;

import java.time.Duration;

import org.newsdesk.submission.limit.ClientRateLimit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The client sent as many tips as one client may in an hour. */
class TooManyTipsException extends ErrorResponseException {

    TooManyTipsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, ClientRateLimit.retryAfterSeconds(retryAfter));
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "You have sent a lot of tips in a short time. Please wait a while before sending the next one.");
        problem.setTitle("Too many tips");
        return problem;
    }
}
