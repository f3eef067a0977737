package org.newsdesk.web.problem;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
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
 * Writes a problem where no controller answers: a web filter that refuses a request, a sign-in
 * challenge. The answer is the same as {@link ProblemDetailsHandler}'s, written with the
 * service's own message writers, so it looks the same whoever refused the request.
 */
public final class ProblemWriter {

    private final ServerResponse.Context context;

    public ProblemWriter(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorResponse problem) {
        return write(exchange, problem.getStatusCode(), problem.getHeaders(), problem.getBody());
    }

    Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, HttpHeaders headers, ProblemDetail body) {
        if (body.getInstance() == null) {
            body.setInstance(ProblemDetailsHandler.instance(exchange));
        }
        return ServerResponse.status(status)
                .headers(answer -> answer.addAll(headers))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(body)
                .flatMap(response -> response.writeTo(exchange, context));
    }
}
