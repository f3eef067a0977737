package org.newsdesk.submission.photo;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A photo that is not taken, with a message for the resident that names the file. Nothing of the
 * tip is stored when one of its photos is refused.
 */
public class PhotoRefusedException extends ErrorResponseException {

    private final String reason;

    PhotoRefusedException(HttpStatus status, String reason) {
        super(status, problem(status, reason), null);
        this.reason = reason;
    }

    private static ProblemDetail problem(HttpStatus status, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason);
        problem.setTitle("Photo not accepted");
        return problem;
    }

    /** What the resident is told, naming the file. */
    public String reason() {
        return reason;
    }
}
