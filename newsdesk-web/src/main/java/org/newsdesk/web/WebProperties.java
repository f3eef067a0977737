package org.newsdesk.web;

import java.time.ZoneId;
import java.util.List;
import org.newsdesk.web.time.OutletTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param contentSecurityPolicy the policy every answer carries; the default lets a page use the
 *                              service's own scripts, styles and images and nothing else
 * @param trustedProxies        addresses or CIDR ranges of the reverse proxies whose
 *                              {@code Forwarded} / {@code X-Forwarded-For} headers are believed;
 *                              empty (the default) believes none, so nobody can pick their own
 *                              rate-limit bucket by sending the header
 * @param timeZone              the outlet's zone ({@code NEWSDESK_TIME_ZONE}): every page shows
 *                              its times in it, through {@link OutletTime}; blank means
 *                              {@link OutletTime#DEFAULT_ZONE}
 */
@ConfigurationProperties("newsdesk.web")
public record WebProperties(String contentSecurityPolicy, List<String> trustedProxies, String timeZone) {

    static final String DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    public WebProperties {
        contentSecurityPolicy = contentSecurityPolicy == null || contentSecurityPolicy.isBlank()
                ? DEFAULT_CONTENT_SECURITY_POLICY
                : contentSecurityPolicy;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        timeZone = timeZone == null || timeZone.isBlank()
                ? OutletTime.DEFAULT_ZONE.getId()
                : ZoneId.of(timeZone.strip()).getId();
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
