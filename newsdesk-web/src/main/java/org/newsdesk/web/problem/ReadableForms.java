package org.newsdesk.web.problem;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes a form that cannot be read the client's mistake, wherever it is read. The exchange reads
 * form and multipart bodies itself, and passes on whatever its parser throws: a
 * {@code receipt=%ZZ} fails with an {@link IllegalArgumentException}, a multipart body without
 * its boundary with a decoding error, and neither says that the request was at fault. Here both
 * become a {@link ServerWebInputException} (a {@code 400}); a body over a limit stays what it
 * is, so it is still answered with {@code 413}.
 */
final class ReadableForms implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(new ServerWebExchangeDecorator(exchange) {

            @Override
            public Mono<MultiValueMap<String, String>> getFormData() {
                return super.getFormData()
                        .onErrorMap(
                                ReadableForms::clientsFault,
                                failure -> new ServerWebInputException("The form could not be read", null, failure));
            }

            @Override
            public Mono<MultiValueMap<String, Part>> getMultipartData() {
                return super.getMultipartData()
                        .onErrorMap(
                                ReadableForms::clientsFault,
                                failure -> new ServerWebInputException(
                                        "The multipart body could not be read", null, failure));
            }
        });
    }

    private static boolean clientsFault(Throwable failure) {
        return !(failure instanceof DataBufferLimitException) && !(failure instanceof ResponseStatusException);
    }

    /** Early, so that every filter after it reads forms through it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
