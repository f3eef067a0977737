package org.newsdesk.moderation.decision;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.newsdesk.moderation.tip.ContactErasure;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.privacy.SealedContactException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Opens a resident's contact details for the moderator looking at their tip, and only once the
 * tip's history (and the editorial record) says that this moderator saw them, now: shown and
 * recorded go together or not at all. Erased details, or details that will not open here, are
 * never an error for the page: it says so in their place.
 */
@Component
class ResidentContacts {

    private static final Logger log = LoggerFactory.getLogger(ResidentContacts.class);

    private final ContactVault vault;
    private final ModeratedTips tips;

    ResidentContacts(ContactVault vault, ModeratedTips tips) {
        this.vault = vault;
        this.tips = tips;
    }

    /** The tip as it is after the showing (on its history), and what the page shows for its contact details. */
    record Shown(ModeratedTip tip, ContactView contact) {}

    Mono<Shown> showTo(ModeratedTip tip, String moderator) {
        ContactErasure erasure = tip.erasure();
        if (erasure != null) {
            return Mono.just(new Shown(tip, ContactView.erased(erasure.at(), erasure.cause())));
        }
        Submission submission = tip.submission();
        if (submission.sealedContact() != null) {
            return vault.open(tip.tipId(), submission.sealedContact())
                    .flatMap(details -> recordedFor(tip, moderator, details))
                    // The key is gone: erased, though this service has not heard when or by whom yet.
                    .defaultIfEmpty(new Shown(tip, ContactView.erased(null, null)))
                    .onErrorResume(SealedContactException.class, unopened -> {
                        log.warn(
                                "Contact details of tip {} could not be opened: {}",
                                tip.tipId(),
                                unopened.getClass().getName());
                        return Mono.just(new Shown(tip, ContactView.UNOPENABLE_HERE));
                    });
        }
        Submission.Contact clear = submission.contact();
        if (clear != null) {
            return recordedFor(tip, moderator, new ContactDetails(clear.name(), clear.email(), clear.phone()));
        }
        return Mono.just(new Shown(tip, ContactView.ANONYMOUS_RESIDENT));
    }

    /** The details, once their showing is on record; erased when the tip lost them meanwhile. */
    private Mono<Shown> recordedFor(ModeratedTip tip, String moderator, ContactDetails details) {
        return tips.contactShown(tip.tipId(), moderator, Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .map(recorded -> new Shown(recorded, ContactView.shown(details)))
                .defaultIfEmpty(new Shown(tip, ContactView.erased(null, null)));
    }
}
