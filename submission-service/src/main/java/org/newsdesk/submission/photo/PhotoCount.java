package org.newsdesk.submission.photo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * {@code newsdesk.photos.cleaned} and {@code newsdesk.photos.refused}: photos stripped and taken
 * in, and tips' photos refused by why. A refusal refuses the tip's photos as a whole (the first
 * bad file stops the rest), so it counts once per tip.
 */
final class PhotoCount {

    private final Counter cleaned;
    private final Counter invalid;
    private final Counter tooLarge;
    private final Counter unsupportedType;
    private final Counter busy;

    PhotoCount(MeterRegistry registry) {
        this.cleaned = Counter.builder("newsdesk.photos.cleaned")
                .description("Photos stripped of their metadata and taken in")
                .register(registry);
        this.invalid = refused(registry, "invalid");
        this.tooLarge = refused(registry, "too_large");
        this.unsupportedType = refused(registry, "unsupported_type");
        this.busy = refused(registry, "busy");
    }

    void cleaned(List<CleanPhoto> photos) {
        cleaned.increment(photos.size());
    }

    void refused(PhotoRefusedException refusal) {
        (switch (refusal.getStatusCode().value()) {
                    case 413 -> tooLarge;
                    case 415 -> unsupportedType;
                    default -> invalid;
                })
                .increment();
    }

    /** Every decoding thread was taken: the tip is refused with a 503, to be sent again. */
    void busy() {
        busy.increment();
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("newsdesk.photos.refused")
                .description("Tips' photos refused, by why")
                .tag("reason", reason)
                .register(registry);
    }
}
