package org.newsdesk.web.problem;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * A problem as a person reads it on a page: a heading and an explanation in plain words for its
 * status (never the framework's wording, which names our Java types or quotes the address back),
 * what the service itself said when it refused on purpose, the fields to fix, and how long to wait.
 *
 * @param status      the HTTP status, also for the page's title
 * @param title       the page's heading: what happened, in a person's words
 * @param explanation what to do about it
 * @param said        the service's own detail when it refused on purpose ({@link ProblemException}),
 *                    written for the person; {@code null} for the framework's and for failures
 * @param errors      the fields to fix, for a {@code 400} that named them
 * @param waitFor     how long to wait before trying again, in words ({@code 429}, {@code 503}); or {@code null}
 */
public record ShownProblem(
        int status, String title, String explanation, String said, List<FieldProblem> errors, String waitFor) {

    public ShownProblem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * A problem a page names in its own words, where the service knows better than the status what
     * happened (a link to more stories cut short, a tip too large to send).
     */
    public static ShownProblem worded(HttpStatusCode status, String title, String explanation) {
        return new ShownProblem(status.value(), title, explanation, null, List.of(), null);
    }

    static ShownProblem of(HttpStatusCode status, HttpHeaders headers, ProblemDetail problem, boolean ours) {
        Words words = Words.of(status.value());
        String said = ours && !status.is5xxServerError() ? problem.getDetail() : null;
        List<FieldProblem> errors = errorsOf(problem);
        if (!errors.isEmpty()) {
            // The detail repeats the fields in one sentence for programs; the page lists them instead.
            said = null;
        }
        return new ShownProblem(
                status.value(),
                words.title,
                words.explanation,
                said,
                errors,
                wait(headers.getFirst(HttpHeaders.RETRY_AFTER)));
    }

    private static List<FieldProblem> errorsOf(ProblemDetail problem) {
        Object errors =
                problem.getProperties() == null ? null : problem.getProperties().get(ProblemException.ERRORS);
        if (!(errors instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(FieldProblem.class::isInstance)
                .map(FieldProblem.class::cast)
                .toList();
    }

    /** {@code Retry-After} in seconds, as a person would say it. */
    static String wait(String retryAfter) {
        if (retryAfter == null || !retryAfter.matches("\\d{1,9}")) {
            return null;
        }
        long seconds = Long.parseLong(retryAfter);
        if (seconds < 60) {
            return seconds == 1 ? "a second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return minutes == 1 ? "a minute" : minutes + " minutes";
        }
        long hours = (minutes + 59) / 60;
        return hours + " hours";
    }

    /** The words for each status a person meets, after GOV.UK's error pages. */
    private enum Words {
        BAD_REQUEST(
                400,
                "There is a problem with this request",
                "The address or form could not be read as it is. Check it, or go back and try again."),
        FORBIDDEN(
                403,
                "You cannot do that here",
                "Your account may not allow it, or the page you came from has expired: go back, reload the page and try again."),
        NOT_FOUND(
                404,
                "Page not found",
                "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address."),
        METHOD_NOT_ALLOWED(
                405,
                "This address does not work that way",
                "It cannot be used like this, for example by sending a form to it. Go back and follow a link instead."),
        CONFLICT(
                409,
                "This has changed since you looked",
                "Someone may have acted on it at the same time. Go back, reload the page and check."),
        GONE(410, "This is no longer here", "It has been removed, and will not come back."),
        TOO_LARGE(
                413,
                "That was too large to send",
                "Go back and send less at once: fewer or smaller files, or shorter text."),
        UNSUPPORTED(
                415,
                "That could not be read",
                "What was sent is not in a form this page takes. Go back and try again."),
        TOO_MANY(429, "Too many tries in a short time", "Please wait a little, then try again."),
        SERVER_ERROR(
                500,
                "Sorry, there is a problem with the service",
                "Try again later. What you sent may not have been saved."),
        // The page adds when to try again from Retry-After, which every 503 of ours carries.
        UNAVAILABLE(
                503, "Sorry, the service is unavailable for a moment", "Part of our system is not answering just now.");

        private final int status;
        private final String title;
        private final String explanation;

        Words(int status, String title, String explanation) {
            this.status = status;
            this.title = title;
            this.explanation = explanation;
        }

        static Words of(int status) {
            for (Words words : values()) {
                if (words.status == status) {
                    return words;
                }
            }
            return status >= 500 ? SERVER_ERROR : BAD_REQUEST;
        }
    }
}
