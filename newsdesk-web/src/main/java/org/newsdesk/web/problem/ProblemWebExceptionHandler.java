package org.newsdesk.web.problem;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers failures that no controller saw (a web filter's, a form read by a security filter, a
 * body too large for the CSRF check) exactly as {@link ProblemDetailsHandler} answers those that
 * one did: one vocabulary whoever fails. It replaces Boot's own error handler, whose answers are
 * neither problem details nor free of its own wording ({@code Whitelabel Error Page}).
 */
final class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

    private final ProblemDetailsHandler problems;
    private final ProblemWriter writer;

    ProblemWebExceptionHandler(ProblemDetailsHandler problems, ProblemWriter writer) {
        this.problems = problems;
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        return problems.answer(failure, exchange)
                .flatMap(answer -> writer.write(
                        exchange,
                        answer.getStatusCode(),
                        answer.getHeaders(),
                        answer.getBody() instanceof ProblemDetail body
                                ? body
                                : ProblemDetail.forStatus(answer.getStatusCode()),
                        failure instanceof ProblemException));
    }
}
