package org.newsdesk.web.problem;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The one way Newsdesk answers a request it will not carry out: an RFC 9457 problem detail with a
 * status, a short title and a detail written for the person who made the request. Throw it (or
 * return it in an error signal) from anywhere a request is handled; {@link ProblemDetailsHandler}
 * answers it as {@code application/problem+json}, and {@link ProblemWriter} does the same where
 * no controller is involved (filters, sign-in challenges).
 *
 * <p>A problem that a caller must tell apart from others (to show a form again, say) gets a small
 * subclass named for it; everything else is made by {@link #of} and {@link #invalid}.
 */
public class ProblemException extends ErrorResponseException {

    /** How long a client is told to wait for a dependency: the store watch notices its return within a second. */
    static final Duration OUTAGE_RETRY_AFTER = Duration.ofSeconds(5);

    public static final String ERRORS = "errors";

    protected ProblemException(HttpStatusCode status, String title, String detail) {
        this(status, title, detail, null);
    }

    protected ProblemException(HttpStatusCode status, String title, String detail, Throwable cause) {
        super(status, problem(status, title, detail), cause);
    }

    /** A problem with its status, title (a few words, the same for every instance) and detail (this instance). */
    public static ProblemException of(HttpStatusCode status, String title, String detail) {
        return new ProblemException(status, title, detail);
    }

    /**
     * The {@code 503} of a dependency that is out (the store, the broker), whoever notices it: the
     * same words and the same wait, whether the service refused before trying or a try failed.
     */
    public static ProblemException temporarilyUnavailable() {
        return of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Temporarily unavailable",
                        "We cannot reach part of our system just now. Please try again in a moment.")
                .retryAfter(OUTAGE_RETRY_AFTER);
    }

    /**
     * A {@code 400} that names every bad field at once, so a client can fix them all in one go. The
     * detail repeats them in one sentence for clients that show only the detail.
     */
    public static ProblemException invalid(List<FieldProblem> problems) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .distinct()
                .toList();
        String detail = sorted.stream()
                .map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; "));
        return of(HttpStatus.BAD_REQUEST, "Invalid request", detail).with(ERRORS, sorted);
    }

    /** A {@code 400} for one bad field. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    /** Adds a member to the problem, such as who holds a claim; never anything a log must not see. */
    public ProblemException with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }

    /** Tells the client how long to wait before trying again ({@code 429}, {@code 503}). */
    public ProblemException retryAfter(Duration wait) {
        getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(wait));
        return this;
    }

    /** The {@code Retry-After} header's value: whole seconds, rounded up, at least one. */
    public static String retryAfterSeconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Long.toString(Math.max(1, seconds));
    }

    /** The field problems of a {@link #invalid} problem, for a page that shows them beside its inputs. */
    public List<FieldProblem> fieldProblems() {
        Object errors = getBody().getProperties() == null
                ? null
                : getBody().getProperties().get(ERRORS);
        if (!(errors instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(FieldProblem.class::isInstance)
                .map(FieldProblem.class::cast)
                .toList();
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
