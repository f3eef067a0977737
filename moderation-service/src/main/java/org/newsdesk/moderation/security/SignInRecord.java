package org.newsdesk.moderation.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.newsdesk.moderation.record.Act;
import org.newsdesk.moderation.record.EditorialAct;
import org.newsdesk.moderation.record.EditorialRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Writes sign-ins, failed and throttled sign-ins and sign-outs into the editorial record. Never a
 * typed password, and never the name typed for an account that does not exist: people type their
 * password into the name field often enough. A record that cannot be written is logged by its
 * type and does not stop the sign-in (MongoDB being down stops it anyway).
 */
final class SignInRecord {

    private static final Logger log = LoggerFactory.getLogger(SignInRecord.class);

    private final Function<EditorialAct, Mono<Void>> record;
    private final Clock clock;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter throttled;

    /**
     * @param record where acts go: {@link EditorialRecord#append}
     * @param meters where {@code newsdesk.sign.ins} counts them by outcome, for an operator's eyes:
     *               a run of failures or throttles is someone guessing passwords
     */
    SignInRecord(Function<EditorialAct, Mono<Void>> record, Clock clock, MeterRegistry meters) {
        this.record = record;
        this.clock = clock;
        this.succeeded = signIns(meters, "succeeded");
        this.failed = signIns(meters, "failed");
        this.throttled = signIns(meters, "throttled");
    }

    private static Counter signIns(MeterRegistry meters, String outcome) {
        return Counter.builder("newsdesk.sign.ins")
                .description("Moderators' sign-ins (with a password, to the pages or over the API), by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    Mono<Void> signedIn(String username, String how) {
        succeeded.increment();
        return append(username, Act.SIGNED_IN, "Signed in " + how);
    }

    /** @param username the account's name when it exists, else {@code null} */
    Mono<Void> failed(String username, boolean disabled, String how) {
        failed.increment();
        if (username == null) {
            return append(null, Act.SIGN_IN_FAILED, "Failed sign-in " + how + " to a user name that has no account");
        }
        return append(
                username,
                Act.SIGN_IN_FAILED,
                disabled
                        ? "Sign-in " + how + " refused: the account is disabled"
                        : "Failed sign-in " + how + ": wrong password");
    }

    /** @param username the account's name when it exists, else {@code null} */
    Mono<Void> throttled(String username, String how) {
        throttled.increment();
        return append(
                username,
                Act.SIGN_IN_THROTTLED,
                "Sign-in " + how + " refused unchecked: too many failed sign-ins from the same client");
    }

    Mono<Void> signedOut(String username) {
        return append(username, Act.SIGNED_OUT, "Signed out of the pages");
    }

    private Mono<Void> append(String actor, Act act, String detail) {
        return record.apply(
                        new EditorialAct(UUID.randomUUID().toString(), clock.instant(), actor, act, null, detail, null))
                .onErrorResume(failure -> {
                    log.warn(
                            "Could not record a {}: {}", act, failure.getClass().getName());
                    return Mono.empty();
                });
    }
}
