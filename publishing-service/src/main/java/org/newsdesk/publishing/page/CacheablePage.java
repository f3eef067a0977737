package org.newsdesk.publishing.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.caching.Etags;
import org.newsdesk.publishing.caching.Lifetime;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/**
 * How a reader page answers a {@code GET}: its view and model, with the validators and the lifetime
 * caches need, and a {@code 304} when the client holds the page already. The page's tag is a digest
 * of everything it shows (the model's records print every field) and of the templates that show it,
 * so it changes exactly when the page would.
 *
 * <p>WebFlux decides the {@code 304} ({@link ServerWebExchange#checkNotModified(String, Instant)});
 * the view is still resolved then, but a {@code 304} carries no content (RFC 9110 15.4.5), so the
 * server sends none of what the view writes.
 */
final class CacheablePage {

    /** Where the reader pages' templates are, as {@code spring.thymeleaf.prefix} says. */
    private static final String TEMPLATES = "classpath*:publishing/templates/**";

    /** What {@link ServerWebExchange#checkNotModified(String)} passes for a page that does not know when it changed. */
    private static final Instant UNKNOWN = Instant.MIN;

    private CacheablePage() {}

    static Rendering of(
            ServerWebExchange exchange,
            String view,
            Map<String, ?> model,
            @Nullable Instant lastModified,
            Lifetime lifetime) {
        HttpHeaders validators = new HttpHeaders();
        // Sorted by name: the same page has the same tag in every instance of the service.
        validators.setETag(Etags.of(Templates.DIGEST, view, new TreeMap<>(model)));
        validators.setCacheControl(lifetime.cacheControl());
        if (lastModified != null) {
            validators.setLastModified(lastModified);
        }
        exchange.checkNotModified(validators.getETag(), lastModified == null ? UNKNOWN : lastModified);
        return Rendering.view(view).model(model).headers(validators).build();
    }

    /** The templates as they are in this build, read once. */
    private static final class Templates {

        static final String DIGEST = digest();

        private static String digest() {
            try {
                MessageDigest digest = DigestUtils.getSha256Digest();
                Resource[] templates = new PathMatchingResourcePatternResolver().getResources(TEMPLATES);
                Arrays.sort(templates, Comparator.comparing(Resource::getDescription));
                for (Resource template : templates) {
                    if (template.isReadable()) {
                        DigestUtils.updateDigest(digest, template.getInputStream());
                    }
                }
                return Hex.encodeHexString(digest.digest());
            } catch (IOException unreadable) {
                throw new UncheckedIOException("The reader pages' templates cannot be read", unreadable);
            }
        }
    }
}
