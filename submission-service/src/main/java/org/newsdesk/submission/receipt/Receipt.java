package org.newsdesk.submission.receipt;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.SealedContact;
import org.newsdesk.events.TipDecided;
import org.newsdesk.submission.notification.NoticeKind;
import org.newsdesk.submission.notification.PendingNotice;
import org.newsdesk.submission.privacy.ErasableTip;
import org.newsdesk.submission.privacy.RetentionProperties;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The read model behind a receipt, one document per tip. It is built only from Kafka events (and
 * the writes made when the resident withdraws the tip or erases their details, which the same
 * events repeat), so it can always be rebuilt from the log.
 *
 * <p>It follows three records owned by others: the resident's tip, the moderators' tip and the
 * story. For each it keeps the revision it last applied, so an event is applied only when it is
 * newer than what the receipt already reflects, and the status is worked out from all three: a
 * newer decision may move a receipt back as well as forward. A withdrawal and an erasure are facts
 * set once, whatever order they are read in.
 *
 * @param receiptDigest      SHA-256 of the receipt code; absent while only later events of the tip
 *                           have been read
 * @param decisionOutcome    the moderators' latest outcome, {@code null} while undecided
 * @param version            counts this document's own writes: every write is conditional on it
 * @param retractionReason   the editors' public reason for withdrawing the published story; once
 *                           set it stays, whatever is read afterwards (a retraction is final)
 * @param retractedAt        when the story was withdrawn
 * @param decidedAt          when the latest decision was made
 * @param publishedAt        when the story was first published
 * @param withdrawnAt        when the resident withdrew the tip, if they did
 * @param contactErasedAt    when the resident's contact details were erased (by them or by retention)
 * @param erasedBy           who erased them
 * @param erasureFinished    whether the erasure's data key and unused photos are gone too; until
 *                           then the retention sweep finds the receipt due and finishes it (absent,
 *                           as in receipts written before erasure existed, is no)
 * @param personalData       whether the tip came with contact details or photos; {@code null}
 *                           while its submission has not been read
 * @param photoIds           the tip's photos as received
 * @param chosenPhotoIds     the photos an approving decision chose for the story: kept on erasure
 * @param contactErasableAt  when the retention sweep erases the contact details (or finishes their
 *                           erasure): worked out anew at every write, absent when there is nothing
 *                           (left) to erase, and so kept in a sparse index
 * @param headline           the tip's headline as the resident sent it, so the status page can say
 *                           which tip it is; absent in receipts written before it was kept, until
 *                           a rebuild reads the submission again
 * @param sealedEmail        the resident's email address, sealed, when they gave one and agreed to
 *                           be contacted: who the receipt's notices go to
 * @param duplicateOf        the tip this one repeats, while the latest decision says so
 * @param coveringStoryUrl   the story of the tip this one repeats, once it has one: the link its
 *                           resident is sent
 * @param notice             the email the resident is owed and not yet sent, if any: made in the
 *                           same write as the change that makes it due (see {@link #noticed})
 * @param noticeDueAt        when that email may be sent (again): absent when none is pending, and
 *                           so kept in a sparse index; a relay sending it moves it past its lease
 * @param noticesHandled     the kinds of email done with for this tip (sent, or dropped unsent):
 *                           never made again
 */
@Document(Receipt.COLLECTION)
record Receipt(
        @Id String tipId,
        String receiptDigest,
        ReceiptStatus status,
        String storyUrl,
        String reason,
        Instant submittedAt,
        Instant updatedAt,
        long submissionRevision,
        long decisionRevision,
        TipDecided.Outcome decisionOutcome,
        long storyRevision,
        long version,
        String retractionReason,
        Instant retractedAt,
        Instant decidedAt,
        Instant publishedAt,
        Instant withdrawnAt,
        Instant contactErasedAt,
        ContactErased.Cause erasedBy,
        Boolean erasureFinished,
        Boolean personalData,
        List<String> photoIds,
        List<String> chosenPhotoIds,
        Instant contactErasableAt,
        String headline,
        String sealedEmail,
        String duplicateOf,
        String coveringStoryUrl,
        Notice notice,
        Instant noticeDueAt,
        List<NoticeKind> noticesHandled) {

    static final String COLLECTION = "receipts";

    static final String ID = "_id";
    static final String RECEIPT_DIGEST = "receiptDigest";
    static final String VERSION = "version";
    static final String CONTACT_ERASABLE_AT = "contactErasableAt";
    static final String DUPLICATE_OF = "duplicateOf";
    static final String NOTICE = "notice";
    static final String NOTICE_KIND = "notice.kind";
    static final String NOTICE_ATTEMPTS = "notice.attempts";
    static final String NOTICE_DUE_AT = "noticeDueAt";
    static final String NOTICES_HANDLED = "noticesHandled";

    Receipt {
        erasureFinished = Boolean.TRUE.equals(erasureFinished);
        photoIds = photoIds == null ? List.of() : List.copyOf(photoIds);
        chosenPhotoIds = chosenPhotoIds == null ? List.of() : List.copyOf(chosenPhotoIds);
        noticesHandled = noticesHandled == null ? List.of() : List.copyOf(noticesHandled);
    }

    /** Nothing known yet about the tip. */
    static Receipt unknown(String tipId) {
        return new Receipt(
                tipId,
                null,
                ReceiptStatus.RECEIVED,
                null,
                null,
                null,
                null,
                0,
                0,
                null,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of());
    }

    /**
     * @param sentHeadline the tip's headline as sent, so the status page can say which tip it is
     * @param email        the resident's sealed address, when they agreed to be contacted; else {@code null}
     */
    Receipt withSubmission(
            long revision,
            String digest,
            Instant at,
            Boolean hasPersonalData,
            List<String> photos,
            String sentHeadline,
            String email) {
        return change(draft -> {
                    draft.headline = sentHeadline;
                    draft.sealedEmail = email;
                    draft.receiptDigest = digest != null ? digest : receiptDigest;
                    draft.submittedAt = submittedAt == null || at.isBefore(submittedAt) ? at : submittedAt;
                    draft.submissionRevision = revision;
                    draft.personalData = hasPersonalData;
                    draft.photoIds = photos;
                })
                .withStatus(at);
    }

    Receipt withVersion(long next) {
        return change(draft -> draft.version = next);
    }

    /**
     * A newer decision. The photos an approving decision chose are remembered for good, even when
     * a later decision changes it: a photo that may be in a story is never deleted as unused.
     */
    Receipt withDecision(
            long revision,
            TipDecided.Outcome outcome,
            String declineReason,
            Instant at,
            List<String> chosen,
            String original) {
        return change(draft -> {
                    draft.duplicateOf = outcome == TipDecided.Outcome.DUPLICATE ? original : null;
                    if (!Objects.equals(draft.duplicateOf, duplicateOf)) {
                        draft.coveringStoryUrl = null;
                    }
                    draft.reason = outcome.declines() ? declineReason : null;
                    draft.decisionRevision = revision;
                    draft.decisionOutcome = outcome;
                    draft.decidedAt = at;
                    Set<String> kept = new LinkedHashSet<>(chosenPhotoIds);
                    kept.addAll(chosen);
                    draft.chosenPhotoIds = List.copyOf(kept);
                })
                .withStatus(at);
    }

    Receipt withStory(long revision, String url, Instant at) {
        return change(draft -> {
                    draft.storyUrl = url;
                    draft.storyRevision = revision;
                    draft.publishedAt = publishedAt == null ? at : publishedAt;
                })
                .withStatus(at);
    }

    /**
     * The tip this one repeats is now a story at {@code url}: its resident's tip is covered, as
     * long as the latest decision still says it repeats that tip.
     */
    Receipt withCoveringStory(String original, String url) {
        if (decisionOutcome != TipDecided.Outcome.DUPLICATE
                || !original.equals(duplicateOf)
                || Objects.equals(url, coveringStoryUrl)) {
            return this;
        }
        return change(draft -> draft.coveringStoryUrl = url);
    }

    /**
     * The email the receipt's status calls for, whether or not it was sent: none without an
     * address to send it to (no consent, no email, or erased), and none for a status other than
     * published, declined, or declined as a duplicate once the original is a story.
     */
    NoticeKind noticeDue() {
        if (sealedEmail == null || contactErasedAt != null) {
            return null;
        }
        return switch (status) {
            case PUBLISHED -> NoticeKind.PUBLISHED;
            case DECLINED ->
                decisionOutcome != TipDecided.Outcome.DUPLICATE
                        ? NoticeKind.DECLINED
                        : coveringStoryUrl != null ? NoticeKind.COVERED : null;
            default -> null;
        };
    }

    /**
     * The receipt's notice after a change from {@code before}. A notice is made only when the
     * change itself makes a kind of email due that was not due before, and never a kind already
     * handled; so an event read again (which changes nothing), a restart, or a write for another
     * reason (a retention sweep) never makes one. A pending notice whose cause no longer stands (a
     * newer decision, a retraction, an erasure) is dropped unsent.
     *
     * @param mode {@link NoticeMode#HANDLED} when the log is replayed: what it makes due was dealt
     *             with when it first happened
     */
    Receipt noticed(Receipt before, NoticeMode mode, Instant now) {
        NoticeKind due = noticeDue();
        Notice pending = notice != null && notice.kind() == due ? notice : null;
        Instant dueAt = pending == null ? null : noticeDueAt;
        List<NoticeKind> handled = noticesHandled;
        if (due != null && due != before.noticeDue() && pending == null && !handled.contains(due)) {
            if (mode == NoticeMode.SEND) {
                pending = new Notice(
                        due,
                        due == NoticeKind.PUBLISHED ? storyUrl : due == NoticeKind.COVERED ? coveringStoryUrl : null,
                        due == NoticeKind.DECLINED ? reason : null,
                        0);
                dueAt = now;
            } else if (mode == NoticeMode.HANDLED) {
                handled = Stream.concat(handled.stream(), Stream.of(due)).toList();
            }
        }
        Notice nextNotice = pending;
        Instant nextDueAt = dueAt;
        List<NoticeKind> nextHandled = handled;
        return change(draft -> {
            draft.notice = nextNotice;
            draft.noticeDueAt = nextDueAt;
            draft.noticesHandled = nextHandled;
        });
    }

    /** The pending notice as the relay sends it. */
    PendingNotice pendingNotice() {
        return new PendingNotice(
                tipId,
                notice.kind(),
                notice.link(),
                notice.reason(),
                new SealedContact(null, sealedEmail, null),
                submittedAt,
                notice.attempts());
    }

    /** Whether the receipt owes more emails, or settles them as done, or makes none at all. */
    enum NoticeMode {
        SEND,
        HANDLED,
        OFF
    }

    /**
     * An email the resident is owed.
     *
     * @param link     the story it links to, for a publication or a covering story
     * @param reason   the moderator's reason for the resident, for a decline
     * @param attempts sends that failed so far
     */
    record Notice(NoticeKind kind, String link, String reason, int attempts) {}

    /**
     * The story was withdrawn: final, so the first retraction read is the one kept (a retraction
     * is never made twice for a story, and a redelivery carries the same reason).
     */
    Receipt withRetraction(String publicReason, Instant at) {
        if (retractionReason != null) {
            return this;
        }
        return change(draft -> {
                    draft.retractionReason = publicReason;
                    draft.retractedAt = at;
                })
                .withStatus(at);
    }

    /** The resident withdrew the tip: the first time read is the one kept. */
    Receipt withWithdrawal(Instant at) {
        if (withdrawnAt != null) {
            return this;
        }
        return change(draft -> draft.withdrawnAt = at).withStatus(at);
    }

    /** The contact details were erased: the first erasure read is the one kept. */
    Receipt withErasure(Instant at, ContactErased.Cause cause) {
        if (contactErasedAt != null) {
            return this;
        }
        return change(draft -> {
            draft.contactErasedAt = at;
            draft.erasedBy = cause;
        });
    }

    /** The erasure's data key and unused photos are gone: nothing is left for the sweep. */
    Receipt withErasureFinished() {
        return change(draft -> draft.erasureFinished = true);
    }

    /**
     * Whether the moderators decided the tip: a decision that will not change of itself (an
     * approval, a decline, a story), unlike a hold, which puts the tip back in the queue.
     */
    boolean decided() {
        return retractionReason != null
                || storyUrl != null
                || (decisionOutcome != null && decisionOutcome != TipDecided.Outcome.HELD);
    }

    /** Whether the resident withdrew the tip and no decision overtook them. */
    boolean withdrawnByResident() {
        return withdrawnAt != null && !decided();
    }

    /** Whether there may be contact details or photos left to erase. */
    boolean hasDetailsToErase() {
        return contactErasedAt == null && !Boolean.FALSE.equals(personalData);
    }

    /** The tip as an erasure needs it. */
    ErasableTip erasable() {
        return erasable(tipId, submissionRevision, publishedAt, decisionOutcome, withdrawnAt, photoIds, chosenPhotoIds);
    }

    /**
     * A tip as an erasure needs it, from the receipt's fields; the retention sweep reads only these.
     * Its state, as the retention counter names it, is that of the period that ran out.
     */
    static ErasableTip erasable(
            String tipId,
            long submissionRevision,
            Instant publishedAt,
            TipDecided.Outcome decisionOutcome,
            Instant withdrawnAt,
            List<String> photoIds,
            List<String> chosenPhotoIds) {
        String state;
        if (publishedAt != null) {
            state = "published";
        } else if (decisionOutcome != null && decisionOutcome.declines()) {
            state = "declined";
        } else {
            state = withdrawnAt != null ? "withdrawn" : "undecided";
        }
        List<String> chosen = chosenPhotoIds == null ? List.of() : chosenPhotoIds;
        List<String> unused = photoIds == null
                ? List.of()
                : photoIds.stream().filter(id -> !chosen.contains(id)).toList();
        return new ErasableTip(tipId, state, unused, submissionRevision > 0);
    }

    /**
     * When the retention sweep should erase the contact details: at once for an erasure recorded
     * and not finished; else the period for the tip's state, counted from when it got there; never
     * when there is nothing to erase.
     */
    Receipt scheduled(RetentionProperties retention) {
        Instant erasableAt;
        if (erasureFinished || Boolean.FALSE.equals(personalData)) {
            erasableAt = null;
        } else if (contactErasedAt != null) {
            erasableAt = contactErasedAt;
        } else if (publishedAt != null) {
            erasableAt = publishedAt.plus(retention.published());
        } else if (decisionOutcome != null && decisionOutcome.declines() && decidedAt != null) {
            erasableAt = decidedAt.plus(retention.declined());
        } else if (withdrawnAt != null && !decided()) {
            erasableAt = withdrawnAt.plus(retention.declined());
        } else if (submittedAt != null) {
            // Undecided, held, or approved and waiting for its story.
            erasableAt = submittedAt.plus(retention.undecided());
        } else {
            // Only later events read so far: scheduled once the submission is.
            erasableAt = null;
        }
        return change(draft -> draft.contactErasableAt = erasableAt);
    }

    /**
     * Where the tip stands, from what the receipt knows: a retraction beats a story beats a
     * decision (other than a hold) beats the resident's withdrawal beats nothing. A decision that
     * reached the moderators before the withdrawal stands (they own decisions), so it shows even
     * when read after the withdrawal. The story's and the decision's revisions are still followed
     * after a retraction, so a late or repeated event changes what is remembered, never the status.
     */
    private Receipt withStatus(Instant at) {
        ReceiptStatus derived;
        if (retractionReason != null) {
            derived = ReceiptStatus.WITHDRAWN;
        } else if (storyUrl != null) {
            derived = ReceiptStatus.PUBLISHED;
        } else if (decisionOutcome != null && decisionOutcome.declines()) {
            derived = ReceiptStatus.DECLINED;
        } else if (decisionOutcome == TipDecided.Outcome.APPROVED) {
            // Approved and waiting for its story.
            derived = ReceiptStatus.IN_REVIEW;
        } else if (withdrawnAt != null) {
            derived = ReceiptStatus.WITHDRAWN;
        } else if (decisionOutcome != null) {
            // Held for more information.
            derived = ReceiptStatus.IN_REVIEW;
        } else {
            derived = ReceiptStatus.RECEIVED;
        }
        return change(draft -> {
            draft.status = derived;
            draft.storyUrl = derived == ReceiptStatus.PUBLISHED ? storyUrl : null;
            draft.reason = derived == ReceiptStatus.DECLINED
                    ? reason
                    : derived == ReceiptStatus.WITHDRAWN ? retractionReason : null;
            draft.updatedAt = derived == status && updatedAt != null ? updatedAt : at;
        });
    }

    private Receipt change(Consumer<Draft> edit) {
        Draft draft = new Draft(this);
        edit.accept(draft);
        return draft.build();
    }

    /** A receipt being changed: one place that lists every field, so each change names only its own. */
    private static final class Draft {
        private final String tipId;
        private String receiptDigest;
        private ReceiptStatus status;
        private String storyUrl;
        private String reason;
        private Instant submittedAt;
        private Instant updatedAt;
        private long submissionRevision;
        private long decisionRevision;
        private TipDecided.Outcome decisionOutcome;
        private long storyRevision;
        private long version;
        private String retractionReason;
        private Instant retractedAt;
        private Instant decidedAt;
        private Instant publishedAt;
        private Instant withdrawnAt;
        private Instant contactErasedAt;
        private ContactErased.Cause erasedBy;
        private Boolean erasureFinished;
        private Boolean personalData;
        private List<String> photoIds;
        private List<String> chosenPhotoIds;
        private Instant contactErasableAt;
        private String headline;
        private String sealedEmail;
        private String duplicateOf;
        private String coveringStoryUrl;
        private Notice notice;
        private Instant noticeDueAt;
        private List<NoticeKind> noticesHandled;

        Draft(Receipt receipt) {
            tipId = receipt.tipId;
            receiptDigest = receipt.receiptDigest;
            status = receipt.status;
            storyUrl = receipt.storyUrl;
            reason = receipt.reason;
            submittedAt = receipt.submittedAt;
            updatedAt = receipt.updatedAt;
            submissionRevision = receipt.submissionRevision;
            decisionRevision = receipt.decisionRevision;
            decisionOutcome = receipt.decisionOutcome;
            storyRevision = receipt.storyRevision;
            version = receipt.version;
            retractionReason = receipt.retractionReason;
            retractedAt = receipt.retractedAt;
            decidedAt = receipt.decidedAt;
            publishedAt = receipt.publishedAt;
            withdrawnAt = receipt.withdrawnAt;
            contactErasedAt = receipt.contactErasedAt;
            erasedBy = receipt.erasedBy;
            erasureFinished = receipt.erasureFinished;
            personalData = receipt.personalData;
            photoIds = receipt.photoIds;
            chosenPhotoIds = receipt.chosenPhotoIds;
            contactErasableAt = receipt.contactErasableAt;
            headline = receipt.headline;
            sealedEmail = receipt.sealedEmail;
            duplicateOf = receipt.duplicateOf;
            coveringStoryUrl = receipt.coveringStoryUrl;
            notice = receipt.notice;
            noticeDueAt = receipt.noticeDueAt;
            noticesHandled = receipt.noticesHandled;
        }

        Receipt build() {
            return new Receipt(
                    tipId,
                    receiptDigest,
                    status,
                    storyUrl,
                    reason,
                    submittedAt,
                    updatedAt,
                    submissionRevision,
                    decisionRevision,
                    decisionOutcome,
                    storyRevision,
                    version,
                    retractionReason,
                    retractedAt,
                    decidedAt,
                    publishedAt,
                    withdrawnAt,
                    contactErasedAt,
                    erasedBy,
                    erasureFinished,
                    personalData,
                    photoIds,
                    chosenPhotoIds,
                    contactErasableAt,
                    headline,
                    sealedEmail,
                    duplicateOf,
                    coveringStoryUrl,
                    notice,
                    noticeDueAt,
                    noticesHandled);
        }
    }
}
