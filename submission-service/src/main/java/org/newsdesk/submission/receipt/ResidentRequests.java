package org.newsdesk.submission.receipt;

import java.time.Clock;
import org.newsdesk.events.ContactErased;
import org.newsdesk.submission.privacy.ContactErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a resident holding a receipt code may do with their tip, over the API and on the status
 * page alike: withdraw it while nobody decided it, and erase their contact details at any time.
 * Both are idempotent, both are recorded on the tip with their event (its history), neither needs
 * an account: the receipt code is the resident's proof.
 *
 * <p>A decision can overtake a withdrawal. The moderation service owns decisions and is the
 * arbiter: a decision made before the {@code TipWithdrawn} reached it stands, one after is refused.
 * This side refuses a withdrawal ({@code 409}) only when its receipt already shows a decision, and
 * learns of one only when the decision's event has been relayed and read: within that window (the
 * decision's relay time, normally well under a second) a resident is told the tip is withdrawn, and
 * their receipt then moves on to the decision that came first.
 */
@Component
public class ResidentRequests {

    private static final Logger log = LoggerFactory.getLogger(ResidentRequests.class);

    private final Receipts receipts;
    private final StoredTips tips;
    private final ContactErasure erasure;
    private final Clock clock;

    ResidentRequests(Receipts receipts, StoredTips tips, ContactErasure erasure, Clock clock) {
        this.receipts = receipts;
        this.tips = tips;
        this.erasure = erasure;
        this.clock = clock;
    }

    /**
     * Withdraws the tip unless its receipt shows a decision; withdrawing again changes nothing.
     *
     * @return the receipt after the withdrawal, or as it is when it was decided (then {@link
     *         Receipt#decided()}); fails only when the withdrawal could not be recorded
     */
    Mono<Receipt> withdraw(Receipt receipt) {
        if (receipt.decided()) {
            return Mono.just(receipt);
        }
        return tips.withdraw(receipt.tipId(), clock.instant())
                .switchIfEmpty(Mono.error(() ->
                        new IllegalStateException("Tip " + receipt.tipId() + " has a receipt but is not stored here")))
                .flatMap(withdrawnAt -> {
                    Receipt withdrawn = receipt.withWithdrawal(withdrawnAt);
                    // The topic brings the withdrawal to the receipt in any case; written now, so
                    // the resident reads it at once.
                    return receipts.recordWithdrawal(receipt.tipId(), withdrawnAt)
                            .onErrorResume(later -> {
                                log.warn(
                                        "Tip {} withdrawn; its receipt learns it from the topic: {}",
                                        receipt.tipId(),
                                        later.getClass().getName());
                                return Mono.empty();
                            })
                            .thenReturn(withdrawn);
                });
    }

    /**
     * Erases the contact details (and the photos as received no story uses); erasing again changes
     * nothing. Fails only when the erasure could not be recorded: once it is, it holds.
     *
     * @return the receipt, now knowing the details are erased
     */
    Mono<Receipt> erase(Receipt receipt) {
        if (receipt.contactErasedAt() != null) {
            return Mono.just(receipt);
        }
        return erasure.erase(receipt.erasable(), ContactErased.Cause.RESIDENT)
                .thenReturn(receipt.withErasure(clock.instant(), ContactErased.Cause.RESIDENT));
    }
}
