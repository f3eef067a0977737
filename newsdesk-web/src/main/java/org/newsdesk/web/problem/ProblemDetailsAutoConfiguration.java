package org.newsdesk.web.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.result.view.ViewResolver;

/**
 * Problem details in every Newsdesk service, the same way: the controller advice, the handler of
 * failures outside controllers, the writer for filters, and forms whose unreadable bodies or field
 * names are the client's mistake. Before Boot's own, which step aside for them.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
            "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemDetailsAutoConfiguration {

    @Bean
    ProblemDetailsHandler newsdeskProblemDetailsHandler(ProblemWriter writer, ObjectProvider<Outage> outages) {
        return new ProblemDetailsHandler(writer, outages.orderedStream().toList());
    }

    /** Browsers get the service's {@link ProblemPages} when it declares one, through its view resolvers. */
    @Bean
    ProblemWriter newsdeskProblemWriter(
            ServerCodecConfigurer codecs,
            ObjectProvider<ProblemPages> pages,
            ObjectProvider<ViewResolver> viewResolvers) {
        return new ProblemWriter(
                codecs,
                pages.getIfAvailable(),
                () -> viewResolvers.orderedStream().toList());
    }

    /** Ahead of Boot's and Spring's own handlers of what escapes the filter chain. */
    @Bean
    @Order(-2)
    ProblemWebExceptionHandler newsdeskProblemWebExceptionHandler(
            ProblemDetailsHandler problems, ProblemWriter writer) {
        return new ProblemWebExceptionHandler(problems, writer);
    }

    @Bean
    ReadableForms newsdeskReadableForms() {
        return new ReadableForms();
    }

    @Bean
    ReadableFieldNames newsdeskReadableFieldNames() {
        return new ReadableFieldNames();
    }
}
