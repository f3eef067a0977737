package org.newsdesk.submission;

import java.util.concurrent.atomic.AtomicLong;
import org.newsdesk.submission.photo.PhotoProperties;
import org.newsdesk.web.problem.RequestTooLargeException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;

/**
 * Caps every request body, whether it announces its length or arrives in chunks.
 *
 * <p>The limit is enforced where the body is read rather than by rejecting the request here: the
 * error then surfaces wherever the body is decoded, as a {@link RequestTooLargeException} that the
 * shared problem handler answers with a {@code 413} in the resident's words.
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
        return (request, response) -> handler.handle(
                new ServerHttpRequestDecorator(request) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return limit(getDelegate());
                    }
                },
                response);
    }

    private Flux<DataBuffer> limit(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        boolean multipart = type != null && MediaType.MULTIPART_FORM_DATA.includes(type);
        long maxBytes = multipart ? maxMultipartBytes : this.maxBytes;
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            // Refuse before reading a single byte of a body that says it is too large.
            return Flux.error(tooLarge(multipart));
        }
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return request.getBody().map(buffer -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    throw tooLarge(multipart);
                }
                return buffer;
            });
        });
    }

    /** Worded for the resident: it is the detail of the {@code 413} they get. */
    private DataBufferLimitException tooLarge(boolean multipart) {
        return new RequestTooLargeException(
                multipart
                        ? "A tip with its photos may be at most "
                                + DataSize.ofBytes(maxMultipartBytes).toMegabytes()
                                + " MB; this request is larger. Send fewer or smaller photos."
                        : "A tip may be at most " + DataSize.ofBytes(maxBytes).toKilobytes()
                                + " KB; this request is larger. Shorten the text and send it again.");
    }
}
