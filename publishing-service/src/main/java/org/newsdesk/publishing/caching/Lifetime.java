package org.newsdesk.publishing.caching;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponse;

/**
 * How long a cache may reuse an answer without asking again, by kind: the {@code Cache-Control}
 * every cacheable answer of this service carries beside its {@code ETag} ({@link Etags}).
 */
public enum Lifetime {

    /** A new story should reach other sites' widgets within half a minute. */
    API("public, max-age=30"),
    /** Readers reloading the front page see a new story within a minute. */
    PAGE("public, max-age=60"),
    /** Feed readers poll anyway; five minutes spares us their polling storms. */
    FEED("public, max-age=300"),
    /** Search engines and API tools read these rarely. */
    DOCUMENT("public, max-age=3600");

    /** For an answer that says something is missing: it may be published in a minute, so no cache keeps the miss. */
    public static final String NOT_KEPT = "no-cache";

    private final String cacheControl;

    Lifetime(String cacheControl) {
        this.cacheControl = cacheControl;
    }

    public String cacheControl() {
        return cacheControl;
    }

    /** The problem, marked so that no cache keeps it. */
    public static <P extends ErrorResponse> P notKept(P problem) {
        problem.getHeaders().set(HttpHeaders.CACHE_CONTROL, NOT_KEPT);
        return problem;
    }
}
