package org.newsdesk.submission.tip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code newsdesk.tips.accepted} and {@code newsdesk.tips.refused}: every tip sent, from the form
 * or the API, counted by what its sender was answered. Counted from the answer itself, just before
 * it goes out, so that a refusal made anywhere (the request size limit, validation, the rate
 * limit, the store) counts, and with the reason it was given. A resend answered with its first
 * receipt counts as accepted again: the resident was given a receipt.
 *
 * <p>Made by {@link TipMetricsConfiguration}, not found by scanning: a slice test of the web layer
 * picks up every scanned filter, and has no registry to count into.
 */
class TipOutcomeMeter implements WebFilter {

    enum Channel {
        FORM("/tips"),
        API("/api/tips");

        private final String path;

        Channel(String path) {
            this.path = path;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a tip was refused, from its answer's status; low in number, as a tag must be. */
    enum Refusal {
        INVALID,
        TOO_LARGE,
        UNSUPPORTED_TYPE,
        KEY_REUSED,
        RATE_LIMITED,
        UNAVAILABLE,
        OTHER;

        static Refusal of(HttpStatusCode status) {
            return switch (status.value()) {
                case 400 -> INVALID;
                case 413 -> TOO_LARGE;
                case 415 -> UNSUPPORTED_TYPE;
                // The form's token or the API's Idempotency-Key sent again with a different tip.
                case 409, 422 -> KEY_REUSED;
                case 429 -> RATE_LIMITED;
                case 503 -> UNAVAILABLE;
                default -> OTHER;
            };
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Channel, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    TipOutcomeMeter(MeterRegistry registry) {
        this.registry = registry;
        // Every series from the start, at zero: Prometheus sees no increase in a series that first appears at 1.
        for (Channel channel : Channel.values()) {
            accepted(channel);
            for (Refusal refusal : Refusal.values()) {
                refused(channel, refusal);
            }
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Channel channel = channelOf(exchange);
        if (channel != null) {
            exchange.getResponse().beforeCommit(() -> {
                count(channel, exchange.getResponse().getStatusCode());
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    private static Channel channelOf(ServerWebExchange exchange) {
        if (!HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
            return null;
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        for (Channel channel : Channel.values()) {
            if (channel.path.equals(path)) {
                return channel;
            }
        }
        return null;
    }

    private void count(Channel channel, HttpStatusCode status) {
        if (status == null || status.is2xxSuccessful()) {
            accepted(channel).increment();
        } else {
            refused(channel, Refusal.of(status)).increment();
        }
    }

    private Counter accepted(Channel channel) {
        return accepted.computeIfAbsent(
                channel,
                key -> Counter.builder("newsdesk.tips.accepted")
                        .description("Tips answered with a receipt, by the channel they came through")
                        .tag("channel", key.tag())
                        .register(registry));
    }

    private Counter refused(Channel channel, Refusal refusal) {
        return refused.computeIfAbsent(
                channel.tag() + "/" + refusal.tag(),
                key -> Counter.builder("newsdesk.tips.refused")
                        .description("Tips refused, by channel and by the reason their sender was given")
                        .tag("channel", channel.tag())
                        .tag("reason", refusal.tag())
                        .register(registry));
    }
}
