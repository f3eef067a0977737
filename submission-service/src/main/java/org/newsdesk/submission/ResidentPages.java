package org.newsdesk.submission;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * How every page a resident is shown starts: the outlet named in its masthead and title, and
 * never stored by a cache, as a page may hold a receipt code, a tip's status or what the resident
 * typed. The model is begun here rather than by a model attribute method, because a page answering
 * a failure starts from an empty model.
 */
public final class ResidentPages {

    /** The page that shows a {@link org.newsdesk.web.problem.ShownProblem}, whoever refused the request. */
    public static final String PROBLEM = "problem";

    private static final String NEVER_STORED = CacheControl.noStore().getHeaderValue();

    private ResidentPages() {}

    public static Rendering.Builder<?> page(String view, HttpStatusCode status, OutletProperties outlet) {
        return Rendering.view(view)
                .status(status)
                .modelAttribute("outlet", outlet)
                .header(HttpHeaders.CACHE_CONTROL, NEVER_STORED);
    }
}
