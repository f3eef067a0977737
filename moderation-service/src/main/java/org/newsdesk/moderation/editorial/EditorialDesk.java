package org.newsdesk.moderation.editorial;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.moderation.tip.Correction;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Retraction;
import org.newsdesk.web.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where an editor corrects or withdraws a published story. As with decisions, what makes each
 * one happen once is the conditional write in {@link ModeratedTips}: the story must still be
 * published, not withdrawn, and at the revision read here, so of two editors correcting at once one
 * is told the story changed meanwhile rather than overwriting the other's text. Corrections are not
 * idempotent by nature (the same request twice is two corrections), but each accepted request is
 * one write carrying its event and its record line, so each is announced and recorded exactly once.
 */
@Component
public class EditorialDesk {

    private static final Logger log = LoggerFactory.getLogger(EditorialDesk.class);

    private final ModeratedTips tips;
    private final Outbox outbox;

    EditorialDesk(ModeratedTips tips, Outbox tipOutbox) {
        this.tips = tips;
        this.outbox = tipOutbox;
    }

    /**
     * @param request a request that passed validation
     * @return the corrected tip; a 404 for an unknown tip, a 409 for one that is not a live story
     */
    public Mono<ModeratedTip> correct(String tipId, CorrectionRequest request, String editor) {
        return story(tipId)
                .flatMap(story -> {
                    Instant now = now();
                    String headline = request.headline() == null ? story.headlineNow() : request.headline();
                    String body = request.body() == null ? story.bodyNow() : request.body();
                    List<HistoryEntry.Change> changes = new ArrayList<>(2);
                    if (!Objects.equals(headline, story.headlineNow())) {
                        changes.add(new HistoryEntry.Change("headline", story.headlineNow(), headline));
                    }
                    if (!Objects.equals(body, story.bodyNow())) {
                        changes.add(new HistoryEntry.Change("body", story.bodyNow(), body));
                    }
                    Correction correction = new Correction(
                            UUID.randomUUID().toString(),
                            story.revision() + 1,
                            headline,
                            body,
                            request.note().strip(),
                            editor,
                            now,
                            changes);
                    return tips.correct(story, correction).switchIfEmpty(Mono.defer(() -> whyNot(tipId)));
                })
                .doOnNext(corrected -> announced(corrected, "corrected", editor));
    }

    /**
     * @param request a request that passed validation
     * @return the withdrawn tip; a 404 for an unknown tip, a 409 for one that is not a live story
     */
    public Mono<ModeratedTip> retract(String tipId, RetractionRequest request, String editor) {
        return story(tipId)
                .flatMap(story -> tips.retract(
                                story,
                                new Retraction(
                                        UUID.randomUUID().toString(),
                                        story.revision() + 1,
                                        request.reason().strip(),
                                        editor,
                                        now()))
                        .switchIfEmpty(Mono.defer(() -> whyNot(tipId))))
                .doOnNext(retracted -> announced(retracted, "withdrawn", editor));
    }

    /** The tip; a 404 problem when there is none. */
    public Mono<ModeratedTip> find(String tipId) {
        return tips.find(tipId)
                .switchIfEmpty(Mono.error(() -> ProblemException.of(
                        HttpStatus.NOT_FOUND, "Unknown tip", "There is no tip " + tipId + " in the moderation queue")));
    }

    /** The tip if it is a story readers can read now; else why not, as a problem. */
    private Mono<ModeratedTip> story(String tipId) {
        return find(tipId).flatMap(tip -> {
            ProblemException refused = refusal(tip);
            return refused == null ? Mono.just(tip) : Mono.error(refused);
        });
    }

    private Mono<ModeratedTip> whyNot(String tipId) {
        return find(tipId).flatMap(tip -> {
            ProblemException refused = refusal(tip);
            return Mono.error(
                    refused != null
                            ? refused
                            : ProblemException.of(
                                            HttpStatus.CONFLICT,
                                            "Story changed meanwhile",
                                            "Someone changed the story of tip " + tipId
                                                    + " while you were working on it" + " (revision " + tip.revision()
                                                    + "); look at it again")
                                    .with("revision", tip.revision()));
        });
    }

    private static ProblemException refusal(ModeratedTip tip) {
        if (!tip.published()) {
            return ProblemException.of(
                    HttpStatus.CONFLICT,
                    "Story not published",
                    "Tip " + tip.tipId() + " was not published, so there is no story to correct or withdraw");
        }
        if (tip.retraction() != null) {
            return ProblemException.of(
                            HttpStatus.CONFLICT,
                            "Story withdrawn",
                            "The story of tip " + tip.tipId() + " was withdrawn; a withdrawn story stays withdrawn")
                    .with("retractedBy", tip.retraction().retractedBy())
                    .with("retractedAt", tip.retraction().retractedAt());
        }
        return null;
    }

    private void announced(ModeratedTip tip, String what, String editor) {
        log.info("Story of tip {} {} by {}", tip.tipId(), what, editor);
        // Stored with its announcement: the editor need not wait for Kafka.
        outbox.relayInBackground(tip.tipId());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
