package org.newsdesk.publishing.copies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.web.operations.AnsweredWhileNotReady;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the readers' pages, feeds and stories API from {@link RenderedCopies}, and keeps each
 * {@code 200} they answer as the copy of its address (path and query). A copy is the very bytes
 * and headers the handler wrote, so it is identical to what the handler would render again.
 *
 * <p>It runs last among the filters: the security headers, the refusal of unknown parameters and
 * the API's CORS headers apply to a copy as to a rendering. A copy is served only to a request whose
 * {@code Accept} takes its type (any other gets what the handler says: {@code 406}); a conditional
 * request gets its {@code 304} from the copy's validators, as WebFlux decides it for the handler.
 * Nothing a page shows depends on the request but its address: times are in the outlet's zone,
 * links are made from the public base URL, and the pages carry no nonce, token or cookie.
 *
 * <p>Searches ({@code /search}, {@code q=} on the API) are kept too, by the words as typed, and
 * any story change drops them all: readers who follow a story that goes viral search for the same
 * few words, and the uncached search is the costliest read there is. A search made once does not
 * crowd out the pages read often: the cache admits a new entry over an old one only if it is
 * asked for more often (Caffeine's TinyLFU).
 */
@Component
class RenderedCopiesFilter implements WebFilter, Ordered, AnsweredWhileNotReady {

    /** The headers that describe the body; every filter adds its own (security, CORS) again. */
    private static final Set<String> KEPT_HEADERS = Set.of(
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_LANGUAGE,
            HttpHeaders.ETAG,
            HttpHeaders.LAST_MODIFIED,
            HttpHeaders.CACHE_CONTROL);

    private final RenderedCopies copies;

    RenderedCopiesFilter(RenderedCopies copies) {
        this.copies = copies;
    }

    /** An address whose answer is kept: the metric's kind, and what it shows. */
    record Kept(String kind, CopyScope scope) {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.GET.equals(request.getMethod())) {
            return chain.filter(exchange);
        }
        Optional<Kept> kept = kept(request.getPath().pathWithinApplication().value(), request.getQueryParams());
        if (kept.isEmpty()) {
            return chain.filter(exchange);
        }
        String address = address(request);
        RenderedCopies.Copy copy = copies.find(address, usableBy(request));
        if (copy != null) {
            return serve(exchange, copy);
        }
        RenderedCopies.Rendering rendering = copies.begin(kept.get().scope());
        ServerHttpResponse keeping = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                HttpStatusCode status = getStatusCode();
                if ((status != null && !HttpStatus.OK.equals(status)) || exchange.isNotModified()) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(body).flatMap(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    HttpHeaders headers = new HttpHeaders();
                    getHeaders().forEach((name, values) -> {
                        if (KEPT_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
                            headers.put(name, List.copyOf(values));
                        }
                    });
                    copies.keep(
                            address,
                            rendering,
                            new RenderedCopies.Copy(
                                    kept.get().scope(),
                                    kept.get().kind(),
                                    bytes,
                                    HttpHeaders.readOnlyHttpHeaders(headers)));
                    return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
                });
            }
        };
        return chain.filter(exchange.mutate().response(keeping).build()).doFinally(signal -> copies.end(rendering));
    }

    /**
     * Whether a copy answers the request: then it is served even while the store is out. Only
     * looked at, not counted: {@link #filter} counts it when it serves it.
     */
    @Override
    public boolean canAnswer(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return HttpMethod.GET.equals(request.getMethod())
                && kept(request.getPath().pathWithinApplication().value(), request.getQueryParams())
                        .isPresent()
                && copies.held(address(request), usableBy(request)) != null;
    }

    private static Predicate<RenderedCopies.Copy> usableBy(ServerHttpRequest request) {
        return copy -> accepts(request, copy.headers().getContentType());
    }

    private static String address(ServerHttpRequest request) {
        return request.getURI().getRawPath() + "?"
                + Optional.ofNullable(request.getURI().getRawQuery()).orElse("");
    }

    private static Mono<Void> serve(ServerWebExchange exchange, RenderedCopies.Copy copy) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().putAll(copy.headers());
        long lastModified = copy.headers().getLastModified();
        if (exchange.checkNotModified(
                copy.headers().getETag(), lastModified < 0 ? Instant.MIN : Instant.ofEpochMilli(lastModified))) {
            return response.setComplete();
        }
        response.getHeaders().setContentLength(copy.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(copy.body())));
    }

    /** Whether the request takes the copy's type, as the handler's {@code produces} would decide. */
    private static boolean accepts(ServerHttpRequest request, @Nullable MediaType type) {
        try {
            List<MediaType> accepted = request.getHeaders().getAccept();
            return type != null
                    && (accepted.isEmpty()
                            || accepted.stream()
                                    .anyMatch(accept -> accept.getQualityValue() > 0 && accept.isCompatibleWith(type)));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    /** Which addresses are kept, and what each shows. */
    static Optional<Kept> kept(String path, MultiValueMap<String, String> query) {
        if (query.values().stream().anyMatch(values -> values.size() > 1)) {
            // Repeated parameters are for the handler to refuse or read; not worth a copy.
            return Optional.empty();
        }
        String[] parts = path.split("/", -1);
        return Optional.ofNullable(
                switch (path) {
                    case "/" -> new Kept("front", CopyScope.list(null, null));
                    case "/feed.atom" -> new Kept("feed", CopyScope.list(null, null));
                    case "/sitemap.xml" -> new Kept("sitemap", CopyScope.list(null, null));
                    case "/corrections" -> new Kept("corrections", CopyScope.corrections());
                    case "/corrections.atom" -> new Kept("feed", CopyScope.corrections());
                    case "/search" -> new Kept("search", CopyScope.search());
                    case "/api/stories" -> apiList(query);
                    default -> section(parts);
                });
    }

    private static Kept apiList(MultiValueMap<String, String> query) {
        String words = query.getFirst("q");
        if (words != null && !words.isBlank()) {
            return new Kept("search", CopyScope.search());
        }
        return new Kept(
                "api", CopyScope.list(keyOrNull(query.getFirst("area")), keyOrNull(query.getFirst("category"))));
    }

    /** {@code /areas/k}, {@code /areas/k/feed.atom}, the same for categories, {@code /stories/s}, {@code /api/stories/s}. */
    private static @Nullable Kept section(String[] parts) {
        // parts[0] is the empty text before the path's first slash.
        if (parts.length == 3 && parts[2].length() > 0) {
            return switch (parts[1]) {
                case "areas" -> new Kept("area", CopyScope.list(StoryQuery.key(parts[2]), null));
                case "categories" -> new Kept("category", CopyScope.list(null, StoryQuery.key(parts[2])));
                case "stories" -> new Kept("story", CopyScope.story(parts[2]));
                default -> null;
            };
        }
        if (parts.length == 4 && parts[2].length() > 0 && "feed.atom".equals(parts[3])) {
            return switch (parts[1]) {
                case "areas" -> new Kept("feed", CopyScope.list(StoryQuery.key(parts[2]), null));
                case "categories" -> new Kept("feed", CopyScope.list(null, StoryQuery.key(parts[2])));
                default -> null;
            };
        }
        if (parts.length == 4 && "api".equals(parts[1]) && "stories".equals(parts[2]) && parts[3].length() > 0) {
            return new Kept("api", CopyScope.story(parts[3]));
        }
        return null;
    }

    private static @Nullable String keyOrNull(@Nullable String name) {
        String key = StoryQuery.key(name);
        return key.isEmpty() ? null : key;
    }

    /** Last: every other filter applies to a copy as to a rendering. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
