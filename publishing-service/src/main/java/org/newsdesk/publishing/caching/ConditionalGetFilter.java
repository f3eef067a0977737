package org.newsdesk.publishing.caching;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Conditional GETs for the pages, feeds, sitemap and API. The {@code ETag} is a hash of the
 * answer's bytes, so it changes exactly when what a client would get changes, whatever changed
 * it (a story, a template, a setting); {@code Last-Modified} is set by the handlers from the
 * stories shown. A request whose {@code If-None-Match} holds the current tag, or (without
 * {@code If-None-Match}, as RFC 9110 13.1.3 orders) whose {@code If-Modified-Since} is not older
 * than {@code Last-Modified}, gets {@code 304} and no body.
 *
 * <p>The answer is still made in full to be hashed: what a 304 saves is the transfer, the
 * client's parsing, and for reverse proxies the trip to us altogether within the lifetime. Our
 * answers are small (a page of stories), so holding one in memory to hash it costs little.
 * Photos are not handled here: their addresses never change content, and they say so themselves.
 */
@Component
class ConditionalGetFilter implements WebFilter, Ordered {

    /** How long a cache may reuse an answer without asking, by kind. */
    enum Lifetime {
        /** A new story should reach other sites' widgets within half a minute. */
        API("public, max-age=30"),
        /** Readers reloading the front page see a new story within a minute. */
        PAGE("public, max-age=60"),
        /** Feed readers poll anyway; five minutes spares us their polling storms. */
        FEED("public, max-age=300"),
        /** Search engines and API tools read these rarely. */
        DOCUMENT("public, max-age=3600");

        private final String cacheControl;

        Lifetime(String cacheControl) {
            this.cacheControl = cacheControl;
        }

        String cacheControl() {
            return cacheControl;
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Lifetime lifetime = lifetime(request.getPath().pathWithinApplication().value());
        if (lifetime == null || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().response(new Validated(exchange.getResponse(), request, lifetime)).build());
    }

    static @Nullable Lifetime lifetime(String path) {
        if (path.startsWith("/api/")) {
            return Lifetime.API;
        }
        if (path.endsWith(".atom")) {
            return Lifetime.FEED;
        }
        if (path.equals("/sitemap.xml") || path.equals("/robots.txt") || path.startsWith("/v3/api-docs")) {
            return Lifetime.DOCUMENT;
        }
        if (path.equals("/") || path.equals("/search") || path.startsWith("/stories/") || path.startsWith("/areas/")
                || path.startsWith("/categories/")) {
            return Lifetime.PAGE;
        }
        return null;
    }

    /** Runs inside the security headers (which go on a 304 too) and outside everything else. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    private static final class Validated extends ServerHttpResponseDecorator {

        private final ServerHttpRequest request;
        private final Lifetime lifetime;

        Validated(ServerHttpResponse delegate, ServerHttpRequest request, Lifetime lifetime) {
            super(delegate);
            this.request = request;
            this.lifetime = lifetime;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpStatus status = getStatusCode() == null ? HttpStatus.OK : HttpStatus.resolve(getStatusCode().value());
            if (status != HttpStatus.OK) {
                if (status != null && status.isError()) {
                    // A story missing now may be published in a minute: no cache may keep the miss.
                    getHeaders().setCacheControl("no-cache");
                }
                return super.writeWith(body);
            }
            return DataBufferUtils.join(body).flatMap(joined -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                HttpHeaders headers = getHeaders();
                String etag = etag(bytes);
                headers.setETag(etag);
                headers.setCacheControl(lifetime.cacheControl());
                if (notModified(etag, headers.getLastModified())) {
                    setStatusCode(HttpStatus.NOT_MODIFIED);
                    headers.remove(HttpHeaders.CONTENT_TYPE);
                    headers.remove(HttpHeaders.CONTENT_LENGTH);
                    return getDelegate().setComplete();
                }
                headers.setContentLength(bytes.length);
                return getDelegate().writeWith(Mono.just(bufferFactory().wrap(bytes)));
            });
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).concatMap(Flux::from));
        }

        private boolean notModified(String etag, long lastModified) {
            List<String> ifNoneMatch = request.getHeaders().getIfNoneMatch();
            if (!ifNoneMatch.isEmpty()) {
                String opaque = opaque(etag);
                return ifNoneMatch.stream().anyMatch(tag -> "*".equals(tag.strip()) || opaque(tag).equals(opaque));
            }
            long ifModifiedSince = ifModifiedSince();
            // HTTP dates have whole seconds; our instants have milliseconds.
            return ifModifiedSince >= 0 && lastModified >= 0 && lastModified / 1000 <= ifModifiedSince / 1000;
        }

        private long ifModifiedSince() {
            try {
                return request.getHeaders().getIfModifiedSince();
            }
            catch (IllegalArgumentException unparseable) {
                // A date we cannot read is as good as none (RFC 9110 13.1.3).
                return -1;
            }
        }

        /** Weak comparison (RFC 9110 8.8.3.2), as conditional GETs use: {@code W/"x"} matches {@code "x"}. */
        private static String opaque(String tag) {
            String stripped = tag.strip();
            return stripped.startsWith("W/") ? stripped.substring(2) : stripped;
        }
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            // 128 bits are plenty to tell two versions of an answer apart.
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16))
                    + "\"";
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    static String etag(String text) {
        return etag(text.getBytes(StandardCharsets.UTF_8));
    }
}
