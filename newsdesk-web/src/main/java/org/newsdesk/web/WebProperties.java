package org.newsdesk.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param contentSecurityPolicy the policy every answer carries; the default lets a page use the
 *                              service's own scripts, styles and images and nothing else
 * @param trustedProxies        addresses or CIDR ranges of the reverse proxies whose
 *                              {@code Forwarded} / {@code X-Forwarded-For} headers are believed;
 *                              empty (the default) believes none, so nobody can pick their own
 *                              rate-limit bucket by sending the header
 */
@ConfigurationProperties("newsdesk.web")
public record WebProperties(String contentSecurityPolicy, List<String> trustedProxies) {

    static final String DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    public WebProperties {
        contentSecurityPolicy = contentSecurityPolicy == null || contentSecurityPolicy.isBlank()
                ? DEFAULT_CONTENT_SECURITY_POLICY
                : contentSecurityPolicy;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
