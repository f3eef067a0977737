package org.newsdesk.publishing.page;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Lifetime;
import org.springdoc.webflux.api.OpenApiWebfluxResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /developers}: the OpenAPI description as a page to read, served here and made from the
 * same document as {@code /v3/api-docs} (every endpoint, its parameters and answers, and the
 * shapes of the JSON), with no script and nothing from elsewhere, unlike the usual API explorers.
 */
@Controller
// springdoc describes the API only where there is one: not in the rebuild command, which runs without a web server.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class DevelopersPageController {

    static final String PATH = "/developers";

    /** Where springdoc serves the description, and what it cuts off a request's address to name the server. */
    static final String API_DOCS = "/v3/api-docs";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenApiWebfluxResource description;
    private final ReaderPagesProperties site;
    private final PublishingProperties publishing;

    DevelopersPageController(
            OpenApiWebfluxResource description, ReaderPagesProperties site, PublishingProperties publishing) {
        this.description = description;
        this.site = site;
        this.publishing = publishing;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> developers(ServerWebExchange exchange) {
        PageMeta meta = PageMeta.website(
                "API for developers · " + site.siteName(),
                "How other sites and apps can use the stories of " + site.siteName() + ": every endpoint of its API.",
                publishing.url(PATH),
                publishing.url("/feed.atom"),
                "Latest stories from " + site.siteName());
        // As if the description itself were asked for, so that it names the same server as /v3/api-docs.
        ServerHttpRequest asked = exchange.getRequest()
                .mutate()
                .uri(URI.create(
                        UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                                .replacePath(API_DOCS)
                                .replaceQuery(null)
                                .build()
                                .toUriString()))
                .build();
        // Called off the event loop (ApiDescriptionOffTheEventLoop): springdoc may scan the class path.
        return Mono.fromCallable(() -> description.openapiJson(asked, API_DOCS, Locale.UK))
                .flatMap(json -> json)
                .map(json -> CacheablePage.of(
                        exchange,
                        "developers",
                        Map.of("site", site, "meta", meta, "api", ApiReference.of(JSON.readTree(json))),
                        null,
                        Lifetime.DOCUMENT));
    }
}
