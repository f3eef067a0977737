package org.newsdesk.submission.receipt;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Keeps receipt codes out of the logs. A code travels in the path of {@code GET /api/tips/{receipt}}
 * and of the resident's acts on the tip ({@code POST /api/tips/{receipt}/withdrawal} and
 * {@code /erasure}), and wherever Spring logs a request it prints {@link ServerHttpRequest#getPath()} as a string: the
 * request lines of WebFlux, the checkpoint Reactor adds to every error no handler resolved (part of
 * any stack trace of it later), the {@code http.url} of traces, and the shared problem handler's
 * line for a failure. So every request is handed on with a path that routes as it came but prints
 * as {@code /api/tips/{redacted}}, followed by the act when it is one of the resident's (anything
 * else after the code is redacted with it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReceiptPathRedaction {

    static final String RECEIPTS = "/api/tips/";
    static final String REDACTED = RECEIPTS + "{redacted}";
    private static final List<String> ACTS = List.of("/withdrawal", "/erasure");

    @Bean
    HttpHandlerDecoratorFactory receiptRedactingRequests() {
        return handler -> (request, response) -> handler.handle(redacted(request), response);
    }

    static ServerHttpRequest redacted(ServerHttpRequest request) {
        RequestPath path = request.getPath();
        String withinApplication = path.pathWithinApplication().value();
        if (!withinApplication.startsWith(RECEIPTS) || withinApplication.length() == RECEIPTS.length()) {
            return request;
        }
        int afterCode = withinApplication.indexOf('/', RECEIPTS.length());
        String act = afterCode < 0 ? "" : withinApplication.substring(afterCode);
        RequestPath printable =
                new PrintableRequestPath(path, path.contextPath().value() + REDACTED + (ACTS.contains(act) ? act : ""));
        return new ServerHttpRequestDecorator(request) {
            @Override
            public RequestPath getPath() {
                return printable;
            }
        };
    }

    /** The request's own path in every respect that matters for handling it; only its string form differs. */
    private static final class PrintableRequestPath implements RequestPath {

        private final RequestPath path;
        private final String printed;

        PrintableRequestPath(RequestPath path, String printed) {
            this.path = path;
            this.printed = printed;
        }

        @Override
        public PathContainer contextPath() {
            return path.contextPath();
        }

        @Override
        public PathContainer pathWithinApplication() {
            return path.pathWithinApplication();
        }

        /** Moves the boundary between context path and the rest; the whole path, and how it prints, stay. */
        @Override
        public RequestPath modifyContextPath(String contextPath) {
            return new PrintableRequestPath(path.modifyContextPath(contextPath), printed);
        }

        @Override
        public String value() {
            return path.value();
        }

        @Override
        public List<Element> elements() {
            return path.elements();
        }

        @Override
        public String toString() {
            return printed;
        }
    }
}
