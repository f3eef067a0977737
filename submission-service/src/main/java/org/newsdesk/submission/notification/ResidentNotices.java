package org.newsdesk.submission.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.notification.NoticeBell.DueNotice;
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
 * <li><b>Wake-up.</b> The receipts ring a bell for each notice they make, so it goes at the next
 * tick, read by its tip's id; a retry or the end of this relay's lease goes the same way when it
 * is due. A sweep through the sparse index of due notices, at start and every
 * {@code sweep-every}, finds whatever another instance or a crash left.
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

    /** Notices this relay knows are due again from a moment on: a retry, or the end of its own lease. */
    private final Map<DueNotice, Instant> retries = new ConcurrentHashMap<>();

    /** When the relay next searches the store for due notices it was not told of. */
    private volatile Instant nextSweep = Instant.MIN;

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

    /**
     * What the ticker does: the notices rung for and the retries now due, each read by its tip's id;
     * then, when one is due, a sweep through the index of due notices.
     */
    Mono<Void> tick() {
        Instant now = clock.instant();
        List<DueNotice> due = new ArrayList<>(bell.answer());
        Map.copyOf(retries).forEach((notice, when) -> {
            if (!when.isAfter(now) && retries.remove(notice, when)) {
                due.add(notice);
            }
        });
        Mono<Void> sweep = now.isBefore(nextSweep)
                ? Mono.empty()
                : Mono.defer(() -> {
                    nextSweep = now.plus(properties.sweepEvery());
                    return sweep(now);
                });
        return Flux.fromIterable(due)
                .concatMap(notice -> send(notice.tipId(), notice.kind()))
                .then(sweep)
                .onErrorResume(error -> {
                    log.warn(
                            "The relay of emails to residents could not finish its round; it tries again: {}",
                            error.getClass().getName());
                    due.forEach(notice -> retries.putIfAbsent(notice, now.plus(properties.initialBackoff())));
                    return Mono.empty();
                });
    }

    /** The notices due now that nobody rang for (another instance's, a crash's); a full batch sweeps again at once. */
    private Mono<Void> sweep(Instant now) {
        return notices.dueNotices(now, properties.batch())
                .concatMap(notice -> send(notice.tipId(), notice.kind()).thenReturn(notice))
                .count()
                .doOnNext(count -> {
                    if (count >= properties.batch()) {
                        nextSweep = now;
                    }
                })
                .then();
    }

    private Mono<Void> send(String tipId, NoticeKind kind) {
        Instant now = clock.instant();
        Instant leaseEnds = now.plus(properties.lease());
        return notices.claim(tipId, kind, now, leaseEnds)
                .flatMap(claimed -> {
                    // Should the send hang or this relay's mark fail, the notice is due again when its lease ends.
                    retries.put(new DueNotice(tipId, kind), leaseEnds);
                    return vault.open(tipId, claimed.sealedEmail())
                            .mapNotNull(ContactDetails::email)
                            .map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .onErrorResume(failure -> failed(claimed, failure).then(Mono.empty()))
                            .flatMap(
                                    address -> address.isPresent() ? deliver(claimed, address.get()) : erased(claimed));
                })
                .then();
    }

    /**
     * Sends the email, then marks it sent. A failed send is tried again; a failed mark is not a
     * failed send: the notice is left to its lease, and goes again when that ends (the one window
     * for a duplicate, with the same Message-ID).
     */
    private Mono<Void> deliver(PendingNotice notice, String address) {
        return Mono.fromCallable(() -> {
                    mailbox.deliver(emails.write(notice, address), ResidentEmails.name(notice));
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(failure -> failed(notice, failure).thenReturn(false))
                .filter(Boolean::booleanValue)
                .flatMap(sent -> settle(notice))
                .doOnNext(settled -> log.info("Emailed the resident of tip {}: {}", notice.tipId(), notice.kind()))
                .then();
    }

    /** The resident's details were erased before the email went: it never goes. */
    private Mono<Void> erased(PendingNotice notice) {
        log.info("Tip {} has its contact details erased: its {} email is not sent", notice.tipId(), notice.kind());
        return settle(notice).then();
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
            return settle(notice).then();
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
                .then(Mono.fromRunnable(() -> retries.put(new DueNotice(notice.tipId(), notice.kind()), retryAt)));
    }

    /** Done with for good: nothing to come back for. */
    private Mono<Boolean> settle(PendingNotice notice) {
        return notices.settle(notice.tipId(), notice.kind())
                .doOnSuccess(settled -> retries.remove(new DueNotice(notice.tipId(), notice.kind())));
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
