package org.newsdesk.submission.receipt;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.autoconfigure.error.AbstractErrorWebExceptionHandler;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;

/**
 * Keeps receipt codes out of the logs. A code travels in the path of {@code GET /api/tips/{receipt}},
 * and wherever Spring logs a request it prints {@link ServerHttpRequest#getPath()} as a string: the
 * request lines and the "500 Server Error" line of WebFlux, the checkpoint Reactor adds to every
 * error no handler resolved (part of any stack trace of it later), the {@code http.url} of traces,
 * and {@code ProblemResponses}. So every request is handed on with a path that routes as it came but
 * prints as {@code /api/tips/{redacted}}. Boot's error handler alone prints the path's raw value;
 * here it prints the request like everyone else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReceiptPathRedaction {

    static final String RECEIPTS = "/api/tips/";
    static final String REDACTED = RECEIPTS + "{redacted}";

    @Bean
    HttpHandlerDecoratorFactory receiptRedactingRequests() {
        return handler -> (request, response) -> handler.handle(redacted(request), response);
    }

    /**
     * Boot's handler of whatever no {@code @ExceptionHandler} resolved, built as Boot builds it;
     * only its log lines differ: the request as printed above, the failure by its type (its message
     * may quote what was sent).
     */
    @Bean
    @Order(-1)
    ErrorWebExceptionHandler errorWebExceptionHandler(ErrorAttributes errorAttributes, WebProperties web,
            ObjectProvider<ViewResolver> viewResolvers, ServerCodecConfigurer codecs, ApplicationContext context) {
        DefaultErrorWebExceptionHandler handler = new DefaultErrorWebExceptionHandler(errorAttributes,
                web.getResources(), web.getError(), context) {

            private final Logger log = LoggerFactory.getLogger(AbstractErrorWebExceptionHandler.class);

            @Override
            protected void logError(ServerRequest request, ServerResponse response, Throwable failure) {
                String prefix = request.exchange().getLogPrefix();
                String printed = "HTTP " + request.method() + " \"" + request.exchange().getRequest().getPath() + "\"";
                if (response.statusCode().isSameCodeAs(HttpStatus.INTERNAL_SERVER_ERROR)) {
                    log.error("{}500 Server Error for {}", prefix, printed, failure);
                }
                else {
                    log.debug("{}Resolved [{}] for {}", prefix, failure.getClass().getSimpleName(), printed);
                }
            }
        };
        handler.setViewResolvers(viewResolvers.orderedStream().toList());
        handler.setMessageWriters(codecs.getWriters());
        handler.setMessageReaders(codecs.getReaders());
        return handler;
    }

    static ServerHttpRequest redacted(ServerHttpRequest request) {
        RequestPath path = request.getPath();
        String withinApplication = path.pathWithinApplication().value();
        if (!withinApplication.startsWith(RECEIPTS) || withinApplication.length() == RECEIPTS.length()) {
            return request;
        }
        RequestPath printable = new PrintableRequestPath(path, path.contextPath().value() + REDACTED);
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
