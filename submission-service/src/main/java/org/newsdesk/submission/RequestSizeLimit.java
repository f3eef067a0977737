package org.newsdesk.submission;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.newsdesk.submission.photo.PhotoProperties;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Caps every request body, whether it announces its length or arrives in chunks.
 *
 * <p>The limit is enforced where the body is read rather than by rejecting the request here: the
 * error then surfaces while a controller decodes its argument, where Spring turns a
 * {@link DataBufferLimitException} into a 413 that the controller advice renders as problem
 * details. A rejection from a filter would bypass the advice and get Boot's plain error page.
 *
 * <p>The request is limited before the exchange is made of it, not in a {@code WebFilter}: an
 * exchange reads form and multipart data from the request it was made with, so a request swapped
 * in by a filter would leave multipart requests (the ones carrying photos) without a limit.
 */
@Component
class RequestSizeLimit implements HttpHandlerDecoratorFactory {

    private final long maxBytes;
    private final long maxMultipartBytes;

    /** Photos come only as multipart; any other request is text and gets the text's limit. */
    RequestSizeLimit(SubmissionProperties properties, PhotoProperties photos) {
        this.maxBytes = properties.maxRequestSize().toBytes();
        this.maxMultipartBytes = photos.multipartLimit(properties.maxRequestSize());
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> handler.handle(new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return limit(getDelegate());
            }
        }, response);
    }

    private Flux<DataBuffer> limit(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        long maxBytes = type != null && MediaType.MULTIPART_FORM_DATA.includes(type) ? maxMultipartBytes : this.maxBytes;
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            // Refuse before reading a single byte of a body that says it is too large.
            return Flux.error(tooLarge(maxBytes));
        }
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return request.getBody().map(buffer -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    throw tooLarge(maxBytes);
                }
                return buffer;
            });
        });
    }

    private static DataBufferLimitException tooLarge(long maxBytes) {
        return new DataBufferLimitException("The request body is larger than " + maxBytes + " bytes");
    }
}
