package org.newsdesk.submission.tip;

import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The idempotency key (or form token) came with another tip before: a client's mistake, not a
 * retry. Its own type because the tip form catches it, to offer the changed tip as a new one.
 */
class KeyReusedException extends ProblemException {

    KeyReusedException() {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                IdempotencyKey.HEADER + " reused",
                "This " + IdempotencyKey.HEADER
                        + " was already used for a different tip. Use a new key for a new tip.");
    }
}
