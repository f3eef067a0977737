package org.newsdesk.publishing.caching;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponse;

/**
 * How long a cache may reuse an answer without asking again, by kind: the {@code Cache-Control}
 * every cacheable answer of this service carries beside its {@code ETag} ({@link Etags}).
 *
 * <p>{@code max-age} is what a reader's browser keeps. A shared cache (a CDN, a reverse proxy)
 * serves many readers, and no story event reaches it, so it keeps answers for less
 * ({@code s-maxage}) and may serve one that is stale by {@code stale-while-revalidate} while it
 * asks again in the background (a {@code 304} most of the time, from this service's rendered
 * copies): readers never wait on the origin, and a withdrawn story leaves a shared cache within
 * {@code s-maxage + stale-while-revalidate}, which is the browser's {@code max-age}, no later than
 * it leaves a browser. {@code stale-if-error} lets it keep serving through a restart of the
 * service (about 20 s) or a short outage, but not so long that a withdrawn story would linger
 * for hours behind a broken origin.
 */
public enum Lifetime {

    /** A new story should reach other sites' widgets within half a minute. */
    API("public, max-age=30, s-maxage=10, stale-while-revalidate=20, stale-if-error=300"),
    /** Readers reloading the front page see a new story within a minute. */
    PAGE("public, max-age=60, s-maxage=10, stale-while-revalidate=50, stale-if-error=300"),
    /** Feed readers poll anyway; five minutes spares us their polling storms. */
    FEED("public, max-age=300, s-maxage=60, stale-while-revalidate=240, stale-if-error=900"),
    /** Search engines and API tools read these rarely; what they describe changes with a release. */
    DOCUMENT("public, max-age=3600, s-maxage=3600, stale-while-revalidate=600, stale-if-error=86400");

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
