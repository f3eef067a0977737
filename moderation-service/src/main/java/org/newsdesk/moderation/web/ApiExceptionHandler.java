package org.newsdesk.moderation.web;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every error of the JSON API as problem details. Spring's base class already covers the
 * framework's exceptions (415, 405, {@link org.springframework.web.ErrorResponseException}...);
 * this only makes an unreadable request body say what was wrong and where, without echoing
 * Jackson's messages, which name our Java classes.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException exception,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = exception.getBody();
        problem.setTitle("Unreadable request");
        JacksonException json = jacksonCause(exception);
        if (json instanceof StreamReadException) {
            problem.setDetail("The request body is not valid JSON" + where(json.getLocation()));
        }
        else if (json != null) {
            String field = fieldOf(json);
            if (field == null) {
                problem.setDetail("The request body must be a JSON object");
            }
            else {
                problem.setDetail("The request body has a value of the wrong type at " + field);
                problem.setProperty("errors", List.of(new FieldProblem(field, "has a value of the wrong type")));
            }
        }
        return handleExceptionInternal(exception, problem, headers, status, exchange);
    }

    private static JacksonException jacksonCause(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The JSON path of the offending value, such as {@code outcome}, or {@code null} for the whole body. */
    private static String fieldOf(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
