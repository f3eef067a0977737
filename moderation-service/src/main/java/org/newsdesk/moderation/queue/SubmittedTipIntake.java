package org.newsdesk.moderation.queue;

import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.NewsdeskKafkaProperties;
import org.newsdesk.messaging.RecordFailures;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.messaging.tracing.TraceParent;
import org.newsdesk.moderation.tip.ContactErasure;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.ModeratedTips.Arrival;
import org.newsdesk.moderation.tip.ModeratedTips.WithdrawalOutcome;
import org.newsdesk.moderation.tip.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What residents do, as it reaches the moderators, on {@code newsdesk.tips.submitted}: a tip joins
 * the queue, a withdrawal takes an undecided tip out of it (live, for every moderator watching), an
 * erasure drops the resident's contact details. Each is applied once, by a conditional write on
 * the tip, so redelivery and replay change nothing.
 *
 * <p>A batch listener: tips that arrive one after another on a partition are stored together, in
 * the same few commands whether they are one or hundreds ({@link ModeratedTips#receive(java.util.Collection,
 * Instant)}), so the queue keeps up with the residents however busy the store is. Anything else in the
 * batch is applied in its place, after the tips before it, so a withdrawal never overtakes its tip.
 *
 * <p>A record that fails is named to the shared error handler by its place in the batch
 * ({@link BatchListenerFailedException}, the failure itself as the cause): the records before it are
 * committed, and it is parked or retried as a record listener's would be (poison at once, an outage
 * for as long as it lasts), with the rest of the batch delivered again after it.
 *
 * <p>Listener threads are not the event loop, so waiting for MongoDB here is fine and keeps the
 * offsets from being committed before the changes are stored.
 */
@Component
class SubmittedTipIntake {

    private static final Logger log = LoggerFactory.getLogger(SubmittedTipIntake.class);

    /** Long enough for a busy MongoDB, short enough that a dead one sends the record to the error handler. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ModeratedTips tips;
    private final QueueChanges changes;

    SubmittedTipIntake(ModeratedTips tips, QueueChanges changes) {
        this.tips = tips;
        this.changes = changes;
    }

    /** The listener container's id; not the consumer group, which stays the service's own. */
    static final String LISTENER_ID = "submitted-tip-intake";

    @KafkaListener(
            id = LISTENER_ID,
            idIsGroup = false,
            topics = Topics.TIPS_SUBMITTED,
            concurrency = NewsdeskKafkaProperties.CONSUMER_PER_PARTITION,
            batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        TipRun run = new TipRun();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            if (record.value() instanceof TipSubmitted tip && tip.schemaVersion() == TipSubmitted.SCHEMA_VERSION) {
                run.add(index, tip, TraceParent.of(record));
                continue;
            }
            run.store();
            try {
                apply(record);
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException(
                        "Could not apply the record at " + index + " of the batch", failed, index);
            }
        }
        run.store();
    }

    /** One record that is not a tip of this schema version, applied on its own. */
    private void apply(ConsumerRecord<String, Object> record) {
        Object event = record.value();
        if (event instanceof TipSubmitted tip) {
            UnprocessableEventException.requireSchemaVersion(tip, TipSubmitted.SCHEMA_VERSION);
        } else if (event instanceof TipWithdrawn withdrawn) {
            on(withdrawn);
        } else if (event instanceof ContactErased erased) {
            on(erased);
        } else if (event == null) {
            throw RecordFailures.unreadable(record);
        } else {
            // Another type, one this service was never told of: parked at once, without retrying.
            throw RecordFailures.noHandler(event, Topics.TIPS_SUBMITTED);
        }
    }

    /** Tips one after another in the batch, stored together when something else comes or the batch ends. */
    private final class TipRun {

        private final List<Arrival> arrivals = new ArrayList<>();
        private int first = -1;

        void add(int index, TipSubmitted tip, @Nullable TraceParent trace) {
            if (arrivals.isEmpty()) {
                first = index;
            }
            arrivals.add(new Arrival(tip.tipId(), Submission.from(tip), tip.revision(), trace));
        }

        /**
         * Stores the tips, then the queue's notice of each: also for a tip already stored, since a
         * redelivery may follow a crash between the two writes, and without the notice the queue's
         * order would only learn of the tip at its next resync.
         */
        void store() {
            if (arrivals.isEmpty()) {
                return;
            }
            List<String> tipIds =
                    arrivals.stream().map(Arrival::tipId).distinct().toList();
            try {
                Set<String> added = tips.receive(arrivals, Instant.now())
                        .flatMap(stored -> changes.record(tipIds, "received").thenReturn(stored))
                        .timeout(WRITE_TIMEOUT)
                        .block();
                Set<String> told = new HashSet<>();
                for (Arrival arrival : arrivals) {
                    if (!told.add(arrival.tipId())) {
                        continue;
                    }
                    // Each line in its tip's trace: the batch as a whole belongs to none.
                    try (Scope inTipsTrace = TraceParent.current(arrival.trace())) {
                        if (added != null && added.contains(arrival.tipId())) {
                            log.info("Tip {} joined the moderation queue", arrival.tipId());
                        } else {
                            log.debug("Tip {} was already known; its event changed nothing", arrival.tipId());
                        }
                    }
                }
            } catch (RuntimeException failed) {
                // From the first of them: every one is applied again, which changes nothing for those stored.
                throw new BatchListenerFailedException(
                        "Could not store " + tipIds.size() + " tip(s) from " + first + " of the batch on",
                        failed,
                        first);
            }
            arrivals.clear();
        }
    }

    /** The live queue hears of it at once, so the tip leaves every moderator's list while they watch. */
    private void on(TipWithdrawn withdrawn) {
        UnprocessableEventException.requireSchemaVersion(withdrawn, TipWithdrawn.SCHEMA_VERSION);
        WithdrawalOutcome outcome = tips.withdraw(
                        withdrawn.tipId(),
                        withdrawn.revision(),
                        withdrawn.withdrawnAt(),
                        withdrawn.eventId().toString())
                .flatMap(applied -> applied == WithdrawalOutcome.WITHDRAWN
                        ? changes.record(withdrawn.tipId(), "withdrawn").thenReturn(applied)
                        : Mono.just(applied))
                .timeout(WRITE_TIMEOUT)
                .block();
        switch (outcome) {
            case WITHDRAWN -> log.info("Tip {} was withdrawn by the resident", withdrawn.tipId());
            case TOO_LATE ->
                log.info("Tip {} was decided before the resident's withdrawal; the decision stands", withdrawn.tipId());
            case NOTHING ->
                log.debug(
                        "Withdrawal {} of tip {} changed nothing (already applied, or no such tip)",
                        withdrawn.eventId(),
                        withdrawn.tipId());
        }
    }

    private void on(ContactErased erased) {
        UnprocessableEventException.requireSchemaVersion(erased, ContactErased.SCHEMA_VERSION);
        Boolean applied = tips.eraseContact(
                        erased.tipId(),
                        erased.revision(),
                        new ContactErasure(erased.erasedAt(), erased.cause(), erased.photosErased()),
                        erased.eventId().toString())
                .timeout(WRITE_TIMEOUT)
                .block();
        if (Boolean.TRUE.equals(applied)) {
            log.info("Contact details of tip {} were erased ({})", erased.tipId(), erased.cause());
        } else {
            log.debug(
                    "Erasure {} of tip {} changed nothing (already applied, or no such tip)",
                    erased.eventId(),
                    erased.tipId());
        }
    }
}
