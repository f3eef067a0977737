package org.newsdesk.moderation.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 400 that names every bad field, so a client can fix all of them at once. */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, problemDetail(problems), null);
    }

    private static ProblemDetail problemDetail(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(problems));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.copyOf(problems));
        return problem;
    }

    private static String describe(List<FieldProblem> problems) {
        StringBuilder detail = new StringBuilder();
        for (FieldProblem problem : problems) {
            detail.append(detail.isEmpty() ? "" : "; ").append(problem.field()).append(' ').append(problem.message());
        }
        return detail.toString();
    }
}
