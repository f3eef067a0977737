package org.newsdesk.web.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.newsdesk.web.paging.PageCursor;
import org.newsdesk.web.paging.PagePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of every Newsdesk service's HTTP API as RFC 9457 problem details, worded for the
 * person who sent the request. Spring's base class already gives the right status for the
 * framework's own exceptions and answers {@link ProblemException}s as they are; this adds:
 * <ul>
 * <li>the list of bad fields ({@link FieldProblem}) for whatever Bean Validation or binding
 * refused, in JSON bodies, forms and query objects alike, with one wording per kind of mistake;
 * <li>what was wrong with an unreadable body and where, never the parser's own message, which
 * names our Java types;
 * <li>{@code 400} for malformed bodies the framework leaves unmapped (a multipart body without
 * its boundary) and {@code 413} for bodies over a limit wherever they are found;
 * <li>a {@code 500} without internals for anything else, logged by type only: an exception's
 * message may quote what a resident wrote.
 * </ul>
 * Auto-configured in every service, so nothing else needs an exception handler of its own.
 */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    /** How often an outage's failed requests are logged: the first at once, then a count at most this often. */
    private static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(30);

    /** Writes the page a browser gets; {@code null} in a service without pages. */
    private final ProblemWriter writer;

    private final List<Outage> outages;
    private final AtomicLong outageLoggedAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong outageRequestsNotLogged = new AtomicLong();

    public ProblemDetailsHandler() {
        this(null, List.of());
    }

    public ProblemDetailsHandler(ProblemWriter writer, List<Outage> outages) {
        this.writer = writer;
        this.outages = List.copyOf(outages);
    }

    static final String TOO_LARGE = "The request is larger than this service takes.";

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ObjectError error : ex.getAllErrors()) {
            problems.add(fieldProblem(error));
        }
        return invalid(ex, problems, headers, exchange);
    }

    /** Constraints on a controller method's own parameters ({@code @RequestParam @Size(max = 200) String q}). */
    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            ServerWebExchange exchange) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> problems.add(
                                error instanceof ObjectError objectError
                                        ? fieldProblem(objectError)
                                        : new FieldProblem(
                                                parameterName(result.getMethodParameter()),
                                                error.getDefaultMessage()))));
        return invalid(ex, problems, headers, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(
            MissingRequestValueException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return invalid(ex, List.of(new FieldProblem(ex.getName(), "is required")), headers, exchange);
    }

    /**
     * A body that could not be read into its type, or a path variable or parameter of the wrong
     * type: said in the client's terms, with the JSON position or the field where there is one.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        TypeMismatchException mismatch = causeOf(ex, TypeMismatchException.class);
        if (mismatch != null && ex.getMethodParameter() != null) {
            return invalid(
                    ex,
                    List.of(new FieldProblem(
                            parameterName(ex.getMethodParameter()),
                            wrongType(mismatch.getRequiredType(), mismatch.getValue()))),
                    headers,
                    exchange);
        }
        JacksonException json = causeOf(ex, JacksonException.class);
        if (json != null && !(json instanceof StreamReadException)) {
            String field = fieldOf(json);
            if (field != null) {
                Class<?> target =
                        json instanceof MismatchedInputException mismatched ? mismatched.getTargetType() : null;
                return invalid(ex, List.of(new FieldProblem(field, wrongType(target, null))), headers, exchange);
            }
        }
        ProblemDetail problem = ex.getBody();
        problem.setTitle("Unreadable request");
        problem.setDetail(unreadable(ex, json, exchange));
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleResponseStatusException(
            ResponseStatusException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (status.isSameCodeAs(HttpStatus.CONTENT_TOO_LARGE)) {
            ex.getBody().setDetail(tooLarge(ex));
        }
        return super.handleResponseStatusException(ex, headers, status, exchange);
    }

    /** A body over a limit found while parts or form fields are read, where Spring does not map it. */
    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<Object>> handleTooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge(ex));
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, exchange);
    }

    /** A body that is not what its {@code Content-Type} says, read by code rather than by an argument resolver. */
    @ExceptionHandler(DecodingException.class)
    Mono<ResponseEntity<Object>> handleUndecodable(DecodingException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, unreadable(ex, causeOf(ex, JacksonException.class), exchange));
        problem.setTitle("Unreadable request");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, exchange);
    }

    /**
     * Whatever slipped through is still answered as problem details, without internals: a
     * dependency's outage as {@code 503} with {@code Retry-After}, anything else as {@code 500}.
     */
    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        if (outages.stream().anyMatch(outage -> outage.explains(ex))) {
            return handleOutage(ex, exchange);
        }
        log.error(
                "{} {} failed: {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                typesOf(ex));
        log.debug("The failure's stack", ex);
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }

    /**
     * A dependency is out: the client hears to try again shortly. One outage fails many requests,
     * so the log says so once, then how many more at most every {@link #OUTAGE_LOG_INTERVAL}.
     */
    private Mono<ResponseEntity<Object>> handleOutage(Exception ex, ServerWebExchange exchange) {
        long now = System.nanoTime();
        long last = outageLoggedAt.get();
        if ((last == Long.MIN_VALUE || now - last >= OUTAGE_LOG_INTERVAL.toNanos())
                && outageLoggedAt.compareAndSet(last, now)) {
            long notLogged = outageRequestsNotLogged.getAndSet(0);
            log.warn(
                    "{} {} answered 503, a dependency being out: {}{}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    typesOf(ex),
                    notLogged == 0 ? "" : " (and " + notLogged + " more requests since the last such line)");
        } else {
            outageRequestsNotLogged.incrementAndGet();
        }
        ProblemException unavailable = ProblemException.temporarilyUnavailable();
        return handleExceptionInternal(
                unavailable, unavailable.getBody(), unavailable.getHeaders(), HttpStatus.SERVICE_UNAVAILABLE, exchange);
    }

    /**
     * The answer to any failure, also one that never reached a controller (a web filter's, a
     * request no route matched): what the matching handler above answers.
     */
    public Mono<ResponseEntity<Object>> answer(Throwable failure, ServerWebExchange exchange) {
        Exception ex = failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        if (ex instanceof ErrorResponse) {
            return handleException(ex, exchange);
        }
        DataBufferLimitException tooLarge = causeOf(ex, DataBufferLimitException.class);
        if (tooLarge != null) {
            return handleTooLarge(tooLarge, exchange);
        }
        DecodingException undecodable = causeOf(ex, DecodingException.class);
        if (undecodable != null) {
            return handleUndecodable(undecodable, exchange);
        }
        return handleUnexpected(ex, exchange);
    }

    /**
     * Names the request as the problem's {@code instance} before Spring does: Spring parses the
     * raw path as a URI, and a path such as {@code //} is none, which would turn any answer to it
     * into a bodiless 500.
     */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(instance(exchange));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    /**
     * A person in a browser gets the service's page instead of problem details: written here, so the
     * answer is empty and nothing writes it again.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemWriter writer = this.writer;
        if (writer != null
                && ProblemWriter.wantsPage(exchange)
                && !exchange.getResponse().isCommitted()) {
            ProblemDetail problem = body instanceof ProblemDetail detail
                    ? detail
                    : ex instanceof ErrorResponse response ? response.getBody() : ProblemDetail.forStatus(status);
            HttpHeaders all = new HttpHeaders();
            if (ex instanceof ErrorResponse response) {
                all.addAll(response.getHeaders());
            }
            if (headers != null) {
                headers.forEach((name, values) -> all.put(name, values));
            }
            return writer.write(exchange, status, all, problem, ex instanceof ProblemException)
                    .then(Mono.empty());
        }
        return super.handleExceptionInternal(ex, body, headers, status, exchange);
    }

    /** The request's path as a URI reference; one that cannot be read as one is named by its escaped form. */
    static URI instance(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        try {
            return new URI(null, null, path.startsWith("//") ? "/" + path.replaceFirst("^/+", "") : path, null);
        } catch (URISyntaxException unreadable) {
            return URI.create("about:blank");
        }
    }

    private Mono<ResponseEntity<Object>> invalid(
            Exception ex, List<FieldProblem> problems, HttpHeaders headers, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemException.invalid(problems).getBody();
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    /**
     * A refused field in the client's words: a value that could not even be converted gets the
     * wording of its type; anything else the constraint's own message.
     */
    static FieldProblem fieldProblem(ObjectError error) {
        if (!(error instanceof FieldError field)) {
            // A constraint on the whole object names no field; its message says what is wrong.
            return new FieldProblem(error.getObjectName(), error.getDefaultMessage());
        }
        if (field.isBindingFailure()) {
            TypeMismatchException mismatch =
                    field.contains(TypeMismatchException.class) ? field.unwrap(TypeMismatchException.class) : null;
            return new FieldProblem(
                    field.getField(),
                    wrongType(mismatch == null ? null : mismatch.getRequiredType(), field.getRejectedValue()));
        }
        return new FieldProblem(field.getField(), field.getDefaultMessage());
    }

    /** What a value of a type must look like, the same words wherever the type is asked for. */
    static String wrongType(Class<?> type, Object value) {
        if (type == null) {
            return "has a value of the wrong type";
        }
        if (PagePosition.class.isAssignableFrom(type)) {
            return PageCursor.NOT_OURS;
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "must be a whole number";
        }
        if (type == java.time.LocalDate.class) {
            return "must be a date, like 2024-05-31";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "must be a date and time, like 2024-05-31T14:30:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "must be text";
        }
        return "has a value of the wrong type";
    }

    private static String parameterName(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
    }

    private static String unreadable(Throwable failure, JacksonException json, ServerWebExchange exchange) {
        if (causeOf(failure, CharacterCodingException.class) != null) {
            return "The request body is not valid UTF-8 text.";
        }
        if (json instanceof StreamReadException) {
            return "The request body is not valid JSON" + where(json.getLocation()) + ".";
        }
        if (json != null) {
            return "The request body must be a JSON object.";
        }
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return "The request body is not well-formed multipart/form-data (RFC 7578).";
        }
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return "The request body is not a well-formed form (application/x-www-form-urlencoded).";
        }
        return "The request body could not be read as " + (type == null ? "the type it claims" : type.toString()) + ".";
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
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String tooLarge(Throwable ex) {
        RequestTooLargeException described = causeOf(ex, RequestTooLargeException.class);
        return described != null ? described.getMessage() : TOO_LARGE;
    }

    static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * The failure's type, its causes' types and where the deepest one was thrown: enough to find
     * the bug, and nothing a resident wrote.
     */
    static String typesOf(Throwable failure) {
        List<String> types = new ArrayList<>();
        Throwable deepest = failure;
        for (Throwable cause = failure;
                cause != null && types.size() < 8;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            types.add(cause.getClass().getName());
            deepest = cause;
        }
        StackTraceElement[] stack = deepest.getStackTrace();
        return String.join(" <- ", types) + (stack.length == 0 ? "" : " at " + stack[0]);
    }
}
