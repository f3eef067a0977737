package org.newsdesk.web.problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem: as problem details for a program, as the service's own page
 * ({@link ProblemPages}) for a person in a browser. {@link ProblemDetailsHandler} writes every
 * answer through it, and so does any web filter that refuses a request or sign-in challenge, so
 * an answer looks the same whoever refused the request.
 */
public final class ProblemWriter {

    private static final List<MediaType> PROGRAMS_ASK_FOR =
            List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    private final ServerResponse.Context context;
    private final ProblemPages pages;

    /** A writer of problem details only, for a service without pages. */
    public ProblemWriter(ServerCodecConfigurer codecs) {
        this(codecs, null, List::of);
    }

    /**
     * @param pages         the service's problem page, or {@code null} when it has none
     * @param viewResolvers the service's view resolvers, asked for when the first page is written
     *                      (they are made after this writer)
     */
    public ProblemWriter(ServerCodecConfigurer codecs, ProblemPages pages, Supplier<List<ViewResolver>> viewResolvers) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.pages = pages;
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return viewResolvers.get();
            }
        };
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorResponse problem) {
        return write(
                exchange,
                problem.getStatusCode(),
                problem.getHeaders(),
                problem.getBody(),
                problem instanceof ProblemException);
    }

    /**
     * @param ours whether the service refused on purpose ({@link ProblemException}), so the detail is
     *             written for a person and a page may show it
     */
    Mono<Void> write(
            ServerWebExchange exchange, HttpStatusCode status, HttpHeaders headers, ProblemDetail body, boolean ours) {
        if (body.getInstance() == null) {
            body.setInstance(ProblemDetailsHandler.instance(exchange));
        }
        if (pages != null && wantsPage(exchange)) {
            return page(exchange, status, headers, ShownProblem.of(status, headers, body, ours));
        }
        return ServerResponse.status(status)
                .headers(answer -> answer.addAll(headers))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(body)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private Mono<Void> page(
            ServerWebExchange exchange, HttpStatusCode status, HttpHeaders headers, ShownProblem shown) {
        return pages.model(shown, exchange).defaultIfEmpty(Map.of()).flatMap(layout -> {
            Map<String, Object> model = new HashMap<>(layout);
            model.put("problem", shown);
            return ServerResponse.status(status)
                    .headers(answer -> answer.addAll(headers))
                    // A page about one request, never kept by a cache or shown again for another address.
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .contentType(MediaType.TEXT_HTML)
                    .render(pages.view(), model)
                    .flatMap(response -> response.writeTo(exchange, context));
        });
    }

    /**
     * Whether whoever asked is a person in a browser: {@code text/html} named in {@code Accept} at
     * least as welcome as JSON. A browser names it first; {@code fetch}, curl and API clients name
     * JSON or accept anything, and keep problem details.
     */
    static boolean wantsPage(ServerWebExchange exchange) {
        List<MediaType> accepts;
        try {
            accepts = exchange.getRequest().getHeaders().getAccept();
        } catch (InvalidMediaTypeException unreadable) {
            // Whoever sent an Accept header nobody can read is no browser; the answer says what is wrong.
            return false;
        }
        double html = 0;
        double json = 0;
        for (MediaType accepted : accepts) {
            if (accepted.isWildcardType() || accepted.isWildcardSubtype()) {
                continue;
            }
            if (accepted.isCompatibleWith(MediaType.TEXT_HTML)) {
                html = Math.max(html, accepted.getQualityValue());
            } else if (PROGRAMS_ASK_FOR.stream().anyMatch(accepted::isCompatibleWith)) {
                json = Math.max(json, accepted.getQualityValue());
            }
        }
        return html > 0 && html >= json;
    }
}
