package org.newsdesk.submission.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the emails owed to residents: the one way this service sends email. Modelled on the Kafka
 * outbox's relay, but apart from it, because an email is not an event: it leaves the system for a
 * person, its "broker" is an SMTP server that can refuse one address and take the next, and what
 * it needs opened (the sealed address) must be opened only here, at the last moment.
 *
 * <ul>
 * <li><b>Made with its cause.</b> A notice is written in the same single-document write as the
 * receipt change that makes it due (see {@link PendingNotices}); a replayed or re-delivered event
 * changes no receipt, so it makes no notice.
 * <li><b>One sender per notice.</b> The relay claims a notice with one conditional write that moves
 * it out of sight for a lease; a relay that dies with it leaves it to be found when the lease ends.
 * <li><b>Marked once.</b> Once the SMTP server took the email (or its file is written), one
 * conditional write settles the notice for good. A crash between the two sends it again when the
 * lease ends: that is the one window for a duplicate, and the email carries the same Message-ID
 * both times, so a mail client can tell.
 * <li><b>Back-off.</b> A failed send is tried again after a wait that doubles up to
 * {@code max-backoff}; after {@code max-attempts} the notice is given up and logged at ERROR.
 * <li><b>Erasure wins.</b> The address is opened from the vault in memory just before sending; once
 * the tip's contact details are erased it cannot be, and the notice is dropped unsent.
 * <li><b>Wake-up.</b> The receipts ring a bell when they make a notice, so it goes at the next
 * tick; a retry or a lease is looked for when it is due, and a sweep every {@code sweep-every}
 * (and at start) finds whatever another instance or a crash left.
 * </ul>
 */
final class ResidentNotices implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResidentNotices.class);

    private final PendingNotices notices;
    private final NoticeBell bell;
    private final ContactVault vault;
    private final ResidentEmails emails;
    private final ResidentMailbox mailbox;
    private final NotificationProperties properties;
    private final Clock clock;

    /** When the relay next reads the store, unless the bell rings first. */
    private final AtomicReference<Instant> nextLook = new AtomicReference<>(Instant.MIN);

    private final AtomicReference<Disposable> ticker = new AtomicReference<>();

    ResidentNotices(
            PendingNotices notices,
            NoticeBell bell,
            ContactVault vault,
            ResidentEmails emails,
            ResidentMailbox mailbox,
            NotificationProperties properties,
            Clock clock) {
        this.notices = notices;
        this.bell = bell;
        this.vault = vault;
        this.emails = emails;
        this.mailbox = mailbox;
        this.properties = properties;
        // To the millisecond, as MongoDB stores a time: a notice the relay thinks is due, the store agrees is due.
        this.clock = Clock.tick(clock, Duration.ofMillis(1));
    }

    /** What the ticker does: read the store when rung, when something known is due, or when a sweep is. */
    Mono<Void> tick() {
        Instant now = clock.instant();
        if (!bell.answer() && now.isBefore(nextLook.get())) {
            return Mono.empty();
        }
        nextLook.set(now.plus(properties.sweepEvery()));
        return sendDue(now).onErrorResume(error -> {
            log.warn(
                    "The relay of emails to residents could not read its notices; it tries again: {}",
                    error.getClass().getName());
            lookAgainAt(clock.instant().plus(properties.tick()));
            return Mono.empty();
        });
    }

    /** Every notice due now, one after another; a full batch means there may be more at once. */
    Mono<Void> sendDue(Instant now) {
        return notices.dueNotices(now, properties.batch())
                .concatMap(notice -> send(notice.tipId(), notice.kind()).thenReturn(notice))
                .count()
                .doOnNext(count -> {
                    if (count >= properties.batch()) {
                        lookAgainAt(now);
                    }
                })
                .then();
    }

    private Mono<Void> send(String tipId, NoticeKind kind) {
        Instant now = clock.instant();
        Instant leaseEnds = now.plus(properties.lease());
        return notices.claim(tipId, kind, now, leaseEnds)
                .flatMap(claimed -> {
                    // Should this relay die now, the notice is due again when its lease ends.
                    lookAgainAt(leaseEnds);
                    return vault.open(tipId, claimed.sealedEmail())
                            .mapNotNull(ContactDetails::email)
                            .map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .flatMap(address -> address.isPresent() ? deliver(claimed, address.get()) : erased(claimed))
                            .onErrorResume(failure -> failed(claimed, failure));
                })
                .then();
    }

    private Mono<Void> deliver(PendingNotice notice, String address) {
        return Mono.fromCallable(() -> {
                    mailbox.deliver(emails.write(notice, address), ResidentEmails.name(notice));
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sent -> notices.settle(notice.tipId(), notice.kind()))
                .doOnNext(settled -> log.info("Emailed the resident of tip {}: {}", notice.tipId(), notice.kind()))
                .then();
    }

    /** The resident's details were erased before the email went: it never goes. */
    private Mono<Void> erased(PendingNotice notice) {
        log.info("Tip {} has its contact details erased: its {} email is not sent", notice.tipId(), notice.kind());
        return notices.settle(notice.tipId(), notice.kind()).then();
    }

    private Mono<Void> failed(PendingNotice notice, Throwable failure) {
        int attempts = notice.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            log.error(
                    "Gave up emailing the resident of tip {} ({}) after {} failed attempts: {}",
                    notice.tipId(),
                    notice.kind(),
                    attempts,
                    failure.getClass().getName());
            return notices.settle(notice.tipId(), notice.kind()).then();
        }
        Instant retryAt = clock.instant().plus(properties.backoffAfter(attempts));
        log.warn(
                "Emailing the resident of tip {} ({}) failed (attempt {} of {}), next try at {}: {}",
                notice.tipId(),
                notice.kind(),
                attempts,
                properties.maxAttempts(),
                retryAt,
                failure.getClass().getName());
        return notices.retry(notice.tipId(), notice.kind(), attempts, retryAt)
                .then(Mono.fromRunnable(() -> lookAgainAt(retryAt)));
    }

    /** Of two appointments, the earlier stands. */
    private void lookAgainAt(Instant when) {
        nextLook.accumulateAndGet(when, (known, next) -> known.isBefore(next) ? known : next);
    }

    @Override
    public void start() {
        log.info(mailbox.describe());
        if (!mailbox.accepts()) {
            return;
        }
        Disposable started = Flux.interval(properties.tick())
                .onBackpressureDrop()
                .concatMap(tick -> tick(), 1)
                .subscribe();
        Disposable previous = ticker.getAndSet(started);
        if (previous != null) {
            previous.dispose();
        }
    }

    @Override
    public void stop() {
        Disposable running = ticker.getAndSet(null);
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return ticker.get() != null;
    }
}
