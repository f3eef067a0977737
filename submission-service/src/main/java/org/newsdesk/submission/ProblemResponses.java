package org.newsdesk.submission;

import java.util.Comparator;
import java.util.List;

import org.newsdesk.submission.photo.PhotoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Every error of the HTTP API as RFC 9457 problem details, worded for the person who sent the
 * request. Spring's defaults already give the right status codes; this adds the list of bad
 * fields and keeps parser internals out of the answer.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final DataSize maxRequestSize;
    private final long maxMultipartSize;

    ProblemResponses(SubmissionProperties properties, PhotoProperties photos) {
        this.maxRequestSize = properties.maxRequestSize();
        this.maxMultipartSize = photos.multipartLimit(properties.maxRequestSize());
    }

    /** One invalid field of a request, as a client can show it next to the input. */
    record FieldProblem(String field, String message) {
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldProblem> errors = ex.getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        ProblemDetail problem = ex.getBody();
        problem.setTitle("Invalid tip");
        problem.setDetail(errors.size() == 1
                ? "One field is invalid: " + errors.get(0).field() + "."
                : errors.size() + " fields are invalid: "
                        + String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList()) + ".");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ex.getCause() instanceof DecodingException) {
            // The parser's own message can name Java types and offsets; the resident needs none of it.
            ex.getBody().setDetail("The request body must be a JSON object with the tip's fields.");
        }
        return handleExceptionInternal(ex, null, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleResponseStatusException(ResponseStatusException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ex.getStatusCode().isSameCodeAs(HttpStatus.CONTENT_TOO_LARGE)) {
            ex.getBody().setDetail(tooLarge(exchange));
        }
        return super.handleResponseStatusException(ex, headers, status, exchange);
    }

    /**
     * A multipart body over the limit, found while its parts are read: Spring maps the limit to a
     * 413 for a body it decodes, but not for parts.
     */
    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<Object>> handleTooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge(exchange));
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, exchange);
    }

    private String tooLarge(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        return type != null && MediaType.MULTIPART_FORM_DATA.includes(type)
                ? "A tip with its photos may be at most " + DataSize.ofBytes(maxMultipartSize).toMegabytes()
                        + " MB; this request is larger. Send fewer or smaller photos."
                : "A tip may be at most " + maxRequestSize.toKilobytes()
                        + " KB; this request is larger. Shorten the text and send it again.";
    }

    /** Whatever slipped through is still answered as problem details, without internals. */
    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }
}
