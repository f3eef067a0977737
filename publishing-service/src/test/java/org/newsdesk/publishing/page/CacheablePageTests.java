package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.caching.Lifetime;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.result.view.Rendering;

class CacheablePageTests {

    private static final Instant CHANGED = Instant.parse("2024-03-01T10:15:30Z");

    @Test
    void aPageIsTaggedByWhatItShowsWhateverTheOrderItWasGivenIn() {
        // Given the same model, built in two orders (as two instances of the service might)
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("meta", "the meta");
        one.put("page", "the page");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("page", "the page");
        other.put("meta", "the meta");

        // When each is answered
        Rendering first = CacheablePage.of(get(), "list", one, CHANGED, Lifetime.PAGE);
        Rendering second = CacheablePage.of(get(), "list", other, CHANGED, Lifetime.PAGE);
        Rendering changed = CacheablePage.of(
                get(), "list", Map.of("meta", "the meta", "page", "another page"), CHANGED, Lifetime.PAGE);

        // Then both have one tag, another page another, each with its lifetime and date
        assertThat(first.headers().getETag())
                .isEqualTo(second.headers().getETag())
                .isNotEqualTo(changed.headers().getETag());
        assertThat(first.headers().getCacheControl()).isEqualTo(Lifetime.PAGE.cacheControl());
        assertThat(first.headers().getLastModified()).isEqualTo(CHANGED.toEpochMilli());
    }

    @Test
    void aClientHoldingThePageGetsA304() {
        String etag = CacheablePage.of(get(), "story", Map.of("story", "text"), CHANGED, Lifetime.PAGE)
                .headers()
                .getETag();

        MockServerWebExchange byTag =
                MockServerWebExchange.from(MockServerHttpRequest.get("/").header(HttpHeaders.IF_NONE_MATCH, etag));
        CacheablePage.of(byTag, "story", Map.of("story", "text"), CHANGED, Lifetime.PAGE);
        MockServerWebExchange byDate =
                MockServerWebExchange.from(MockServerHttpRequest.get("/").ifModifiedSince(CHANGED.toEpochMilli()));
        CacheablePage.of(byDate, "story", Map.of("story", "text"), CHANGED, Lifetime.PAGE);
        MockServerWebExchange changed =
                MockServerWebExchange.from(MockServerHttpRequest.get("/").header(HttpHeaders.IF_NONE_MATCH, etag));
        CacheablePage.of(changed, "story", Map.of("story", "corrected"), CHANGED, Lifetime.PAGE);

        assertThat(byTag.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(byDate.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(changed.isNotModified()).isFalse();
    }

    private static MockServerWebExchange get() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/"));
    }
}
