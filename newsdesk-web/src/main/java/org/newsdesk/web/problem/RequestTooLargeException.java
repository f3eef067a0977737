package org.newsdesk.web.problem;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * A request body over a limit of the service's own, found while it is read. Its message is
 * written for the person who sent the request ("A tip may be at most 64 KB..."), and
 * {@link ProblemDetailsHandler} answers it as a {@code 413} with that message as the detail.
 * It is a {@link DataBufferLimitException} so that Spring's readers treat it as the limit it is,
 * wherever the body is read.
 */
public class RequestTooLargeException extends DataBufferLimitException {

    public RequestTooLargeException(String detailForPeople) {
        super(detailForPeople);
    }
}
