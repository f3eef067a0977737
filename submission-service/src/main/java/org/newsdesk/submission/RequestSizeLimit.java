package org.newsdesk.submission;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps every request body, whether it announces its length or arrives in chunks.
 *
 * <p>The limit is enforced where the body is read rather than by rejecting the request here: the
 * error then surfaces while a controller decodes its argument, where Spring turns a
 * {@link DataBufferLimitException} into a 413 that the controller advice renders as problem
 * details. A rejection from a filter would bypass the advice and get Boot's plain error page.
 */
@Component
class RequestSizeLimit implements WebFilter {

    private final long maxBytes;

    RequestSizeLimit(SubmissionProperties properties) {
        this.maxBytes = properties.maxRequestSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return limit(getDelegate());
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }

    private Flux<DataBuffer> limit(ServerHttpRequest request) {
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            // Refuse before reading a single byte of a body that says it is too large.
            return Flux.error(tooLarge());
        }
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return request.getBody().map(buffer -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    throw tooLarge();
                }
                return buffer;
            });
        });
    }

    private DataBufferLimitException tooLarge() {
        return new DataBufferLimitException("The request body is larger than " + maxBytes + " bytes");
    }
}
