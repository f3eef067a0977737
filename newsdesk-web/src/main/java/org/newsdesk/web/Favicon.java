package org.newsdesk.web;

import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The outlet's icon in a browser's tab, the same for every service (a tip line's three sides are one
 * product to the people who use it). Every layout links it as {@code /favicon.svg}; served from this
 * module, so no service keeps a copy of its own.
 */
final class Favicon {

    static final String PATH = "/favicon.svg";

    private static final Resource ICON = new ClassPathResource("org/newsdesk/web/favicon.svg");

    private Favicon() {}

    static RouterFunction<ServerResponse> route() {
        return RouterFunctions.route()
                .GET(
                        PATH,
                        request -> ServerResponse.ok()
                                .contentType(MediaType.valueOf("image/svg+xml"))
                                .cacheControl(
                                        CacheControl.maxAge(Duration.ofDays(7)).cachePublic())
                                .bodyValue(ICON))
                .build();
    }
}
