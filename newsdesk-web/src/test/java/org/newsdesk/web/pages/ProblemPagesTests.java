package org.newsdesk.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.problem.ProblemPages;
import org.newsdesk.web.problem.ProblemWriter;
import org.newsdesk.web.problem.ShownProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.result.view.View;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * A person in a browser who makes a mistake gets the service's own page, with the status and the
 * headers a program gets; a program keeps getting problem details, whoever refused the request:
 * a controller, a web filter, or no route at all.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ProblemPagesTests.PagesApplication.class)
class ProblemPagesTests {

    /** What Chromium and Firefox send when a person follows a link. */
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    @Autowired
    ProblemWriter writer;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void anUnknownAddressIsAPageForABrowserAndProblemDetailsForAProgram() {
        client().get()
                .uri("/nope")
                .header(HttpHeaders.ACCEPT, BROWSER)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("<h1>Page not found</h1>")
                        .contains("check it is correct")
                        .doesNotContain("No static resource"));

        for (String program : List.of("application/json", "*/*", "application/problem+json", "")) {
            client().get()
                    .uri("/nope")
                    .header(HttpHeaders.ACCEPT, program)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(404);
        }
    }

    @Test
    void anAcceptHeaderNobodyCanReadIsTheClientsMistakeNotAPage() {
        client().get()
                .uri("/nope")
                .header(HttpHeaders.ACCEPT, "garbage")
                .exchange()
                .expectStatus()
                .is4xxClientError();
    }

    @Test
    void aProgramThatPrefersJsonToHtmlKeepsProblemDetails() {
        client().get()
                .uri("/nope")
                .header(HttpHeaders.ACCEPT, "text/html;q=0.5, application/json")
                .exchange()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRefusalOnPurposeShowsTheServicesOwnWordsAndKeepsItsHeaders() {
        client().get()
                .uri("/busy")
                .header(HttpHeaders.ACCEPT, BROWSER)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "90")
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("<h1>Too many tries in a short time</h1>")
                        .contains("<p class=said>You have sent five notes in a minute.</p>")
                        .contains("<p class=wait>2 minutes</p>"));
    }

    @Test
    void aFailureShowsNoInternalsToAPerson() {
        client().get()
                .uri("/broken")
                .header(HttpHeaders.ACCEPT, BROWSER)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("<h1>Sorry, there is a problem with the service</h1>")
                        .doesNotContain("IllegalStateException")
                        .doesNotContain("class=said"));
    }

    @Test
    void aWrongMethodKeepsItsAllowHeader() {
        client().delete()
                .uri("/busy")
                .header(HttpHeaders.ACCEPT, BROWSER)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "GET")
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("<h1>This address does not work that way</h1>"));
    }

    @Test
    void aWebFiltersRefusalIsAPageToo() {
        client().get()
                .uri("/refused-by-filter")
                .header(HttpHeaders.ACCEPT, BROWSER)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("<h1>You cannot do that here</h1>")
                        .contains("Not from this address."));
    }

    @Test
    void aBadQueryListsTheFieldsToFix() {
        client().get()
                .uri("/things?limit=abc")
                .header(HttpHeaders.ACCEPT, BROWSER)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("<h1>There is a problem with this request</h1>")
                        .contains("<li>limit must be a whole number</li>"));
    }

    @SpringBootApplication
    static class PagesApplication {

        @Bean
        ProblemPages pages() {
            return new ProblemPages() {
                @Override
                public String view() {
                    return "problem";
                }

                @Override
                public Mono<Map<String, Object>> model(ShownProblem problem, ServerWebExchange exchange) {
                    return Mono.just(Map.of("site", "Erewash Sound"));
                }
            };
        }

        /** Stands in for Thymeleaf: writes the model's problem as plain HTML. */
        @Bean
        ViewResolver problemViews() {
            View problemView = new View() {
                @Override
                public List<MediaType> getSupportedMediaTypes() {
                    return List.of(MediaType.TEXT_HTML);
                }

                @Override
                public Mono<Void> render(Map<String, ?> model, MediaType contentType, ServerWebExchange exchange) {
                    ShownProblem problem = (ShownProblem) model.get("problem");
                    String html = "<title>" + model.get("site") + "</title><h1>" + problem.title() + "</h1><p>"
                            + problem.explanation() + "</p>"
                            + (problem.said() == null ? "" : "<p class=said>" + problem.said() + "</p>")
                            + (problem.waitFor() == null ? "" : "<p class=wait>" + problem.waitFor() + "</p>")
                            + problem.errors().stream()
                                    .map(error -> "<li>" + error.field() + " " + error.message() + "</li>")
                                    .collect(Collectors.joining());
                    DataBuffer buffer =
                            exchange.getResponse().bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8));
                    exchange.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
                    return exchange.getResponse().writeWith(Mono.just(buffer));
                }
            };
            return (name, locale) -> "problem".equals(name) ? Mono.just(problemView) : Mono.empty();
        }

        @Bean
        WebFilter refusingFilter(ProblemWriter writer) {
            return (exchange, chain) -> exchange.getRequest().getPath().value().equals("/refused-by-filter")
                    ? writer.write(
                            exchange, ProblemException.of(HttpStatus.FORBIDDEN, "Refused", "Not from this address."))
                    : chain.filter(exchange);
        }

        @RestController
        static class PagesController {

            @GetMapping("/busy")
            Mono<String> busy() {
                return Mono.error(ProblemException.of(
                                HttpStatus.TOO_MANY_REQUESTS, "Too many notes", "You have sent five notes in a minute.")
                        .retryAfter(Duration.ofSeconds(90)));
            }

            @GetMapping("/broken")
            Mono<String> broken() {
                return Mono.error(new IllegalStateException("internals"));
            }

            @GetMapping("/things")
            String things(@org.springframework.web.bind.annotation.RequestParam int limit) {
                return "things " + limit;
            }
        }
    }
}
