package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.TipDecided;
import org.newsdesk.messaging.tracing.TraceParent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One tip as the moderators see it, in one document: what was submitted, who holds a claim on it,
 * whether it has been decided, the decision itself and the whole history. Keeping all of it in one
 * document is what lets a single conditional write claim or decide a tip without transactions;
 * the same write puts the {@code TipDecided} event into the document's outbox (see {@code Outbox})
 * and appends the history entry, so a stored decision is always announced and always on record.
 *
 * @param tipId              the Kafka key of every event about this tip, and therefore the {@code _id}
 * @param decision           {@code null} while the tip was never decided; a tip on hold keeps its HELD decision
 * @param revision           this record's revision: 1 when the tip arrives, one more with every
 *                           decision; the events it emits carry it
 * @param submissionRevision the revision of the resident's tip the submission came from, so an
 *                           older copy of the submission never overwrites a newer one
 * @param receivedAt         when this service first stored the tip; a redelivery does not change it
 * @param claim              who is working on the tip, until when; {@code null} or expired when nobody is
 * @param history            everything that happened to the tip, oldest first
 * @param corrections        the published story's public corrections, oldest first; the decision
 *                           keeps the text as first published
 * @param retraction         the story's withdrawal, once an editor withdrew it; final
 * @param withdrawal         the resident's withdrawal of the tip, once they asked; final
 * @param erasure            the erasure of the resident's contact details, once they were erased; final
 * @param story              where readers find the published story, once publishing announced it
 * @param traceParent        the trace the resident's tip arrived in (W3C {@code traceparent}), which
 *                           its decision continues however much later it comes; {@code null} when untraced
 */
@Document(ModeratedTip.COLLECTION)
public record ModeratedTip(
        @Id String tipId,
        Submission submission,
        TipState state,
        Decision decision,
        long revision,
        long submissionRevision,
        Instant receivedAt,
        Claim claim,
        List<HistoryEntry> history,
        List<Correction> corrections,
        Retraction retraction,
        Withdrawal withdrawal,
        ContactErasure erasure,
        StoryLink story,
        @Nullable String traceParent) {

    public static final String COLLECTION = "tips";

    @PersistenceCreator
    public ModeratedTip {
        history = history == null ? List.of() : List.copyOf(history);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    public ModeratedTip(
            String tipId,
            Submission submission,
            TipState state,
            Decision decision,
            long revision,
            long submissionRevision,
            Instant receivedAt) {
        this(
                tipId,
                submission,
                state,
                decision,
                revision,
                submissionRevision,
                receivedAt,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null);
    }

    /** A tip as it joins the queue: waiting, the resident's sending the first line of its history. */
    public static ModeratedTip pending(
            String tipId,
            Submission submission,
            long submissionRevision,
            Instant receivedAt,
            @Nullable TraceParent trace) {
        HistoryEntry sent = new HistoryEntry(
                HistoryEntry.Kind.RECEIVED, HistoryEntry.RESIDENT, submission.submittedAt(), List.of(), null);
        return new ModeratedTip(
                tipId,
                submission,
                TipState.PENDING,
                null,
                1,
                submissionRevision,
                receivedAt,
                null,
                List.of(sent),
                List.of(),
                null,
                null,
                null,
                null,
                trace == null ? null : trace.value());
    }

    /** Whether the tip was approved and so published as a story (it may since have been withdrawn). */
    public boolean published() {
        return state == TipState.DECIDED && decision != null && decision.outcome() == TipDecided.Outcome.APPROVED;
    }

    /** Whether readers can read the story now: published, and not withdrawn. */
    public boolean live() {
        return published() && retraction == null;
    }

    /** The story's headline as readers read it now: the newest correction's, else the decision's. */
    public String headlineNow() {
        return corrections.isEmpty()
                ? decision.headline()
                : corrections.get(corrections.size() - 1).headline();
    }

    /** The story's body as readers read it now, likewise. */
    public String bodyNow() {
        return corrections.isEmpty()
                ? decision.body()
                : corrections.get(corrections.size() - 1).body();
    }

    /**
     * Whether the resident's photo with this id was erased from the media store with their contact
     * details: every photo as received, unless the published story shows it.
     */
    public boolean photoErased(String photoId) {
        return erasure != null
                && erasure.photosErased()
                && !(published()
                        && decision.photos().stream()
                                .anyMatch(chosen -> chosen.photo().id().equals(photoId)));
    }

    /** The claim if it still holds at {@code now}. */
    public Claim claimAt(Instant now) {
        return claim != null && claim.heldAt(now) ? claim : null;
    }

    /** The note of the hold that put this tip back in the queue, if it is waiting on one. */
    public Decision hold() {
        return state == TipState.PENDING && decision != null && decision.outcome() == TipDecided.Outcome.HELD
                ? decision
                : null;
    }
}
