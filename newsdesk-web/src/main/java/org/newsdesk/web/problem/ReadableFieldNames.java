package org.newsdesk.web.problem;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a form or query whose field names the framework's binder cannot read, before it binds
 * them. The binder reads {@code photos[0].id} as a field of the first element of a list (the
 * moderators' tip page names its photos so), and fails with an exception of its own (a 500) on a
 * name like {@code photos[x].id}, {@code photos[} or {@code photos[99999].id} rather than saying
 * the name is wrong. Newsdesk binds lists only, never maps, so a bracket anywhere must hold an
 * index the binder takes: a number below its limit of 256 elements ({@code []} only at the end).
 *
 * <p>Query parameters are plain names everywhere in Newsdesk, and bound with the form: a dot or
 * a bracket in one is refused, or {@code ?cursor.id=x} would build a page position field by field
 * instead of reading it from its one token.
 */
final class ReadableFieldNames implements WebFilter, Ordered {

    private static final Pattern READABLE =
            Pattern.compile("[^\\[\\]]*(\\[(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])][^\\[\\]]*)*(\\[])?");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> unreadable = exchange.getRequest().getQueryParams().keySet().stream()
                .filter(name -> name.indexOf('.') >= 0 || name.indexOf('[') >= 0)
                .findFirst();
        if (unreadable.isPresent()) {
            return Mono.error(refusal(unreadable.get()));
        }
        if (!isForm(exchange)) {
            return chain.filter(exchange);
        }
        // A form that cannot be read at all is not this filter's to answer: the page or handler that
        // reads it answers that, the way it answers its own mistakes.
        return exchange.getFormData()
                .map(form -> unreadable(form.keySet()))
                .onErrorReturn(Optional.empty())
                .flatMap(name -> name.<Mono<Void>>map(unreadableName -> Mono.error(refusal(unreadableName)))
                        .orElseGet(() -> chain.filter(exchange)));
    }

    /** A Content-Type that is no media type makes no form: Spring answers it when it maps the request. */
    private static boolean isForm(ServerWebExchange exchange) {
        try {
            MediaType type = exchange.getRequest().getHeaders().getContentType();
            return type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type);
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }

    private static Optional<String> unreadable(Collection<String> names) {
        return names.stream()
                .filter(name ->
                        name.indexOf('[') >= 0 && !READABLE.matcher(name).matches())
                .findFirst();
    }

    private static ProblemException refusal(String name) {
        return ProblemException.invalid(name, "is not a field name this service reads");
    }

    /** After the security filters (at -100), so that nobody who may not post a form has it read here first. */
    @Override
    public int getOrder() {
        return 0;
    }
}
