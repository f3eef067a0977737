package org.newsdesk.moderation.editorial;

import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.newsdesk.moderation.tip.Correction;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Editors correct and withdraw published stories over the API; the answer is what was recorded. */
@RestController
class EditorialController {

    private final EditorialDesk desk;

    EditorialController(EditorialDesk desk) {
        this.desk = desk;
    }

    @PostMapping(
            path = "/api/tips/{tipId}/correction",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CorrectionView> correct(
            @PathVariable String tipId,
            @Valid @RequestBody(required = false) CorrectionRequest request,
            Principal editor) {
        if (request == null) {
            return Mono.error(ProblemException.invalid("note", CorrectionRequest.REQUIRED));
        }
        return desk.correct(tipId, request, editor.getName()).map(CorrectionView::of);
    }

    @PostMapping(
            path = "/api/tips/{tipId}/retraction",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<RetractionView> retract(
            @PathVariable String tipId,
            @Valid @RequestBody(required = false) RetractionRequest request,
            Principal editor) {
        if (request == null) {
            return Mono.error(ProblemException.invalid("reason", CorrectionRequest.REQUIRED));
        }
        return desk.retract(tipId, request, editor.getName()).map(RetractionView::of);
    }

    /**
     * The correction as recorded.
     *
     * @param number   which correction of the story this is, from 1
     * @param changes  each field it changed, with the words before and after
     * @param revision the tip's revision it made; its event carries the same
     */
    record CorrectionView(
            String tipId,
            int number,
            String headline,
            String body,
            String note,
            String correctedBy,
            Instant correctedAt,
            List<HistoryEntry.Change> changes,
            long revision,
            String eventId) {

        static CorrectionView of(ModeratedTip tip) {
            Correction correction = tip.corrections().get(tip.corrections().size() - 1);
            return new CorrectionView(
                    tip.tipId(),
                    tip.corrections().size(),
                    correction.headline(),
                    correction.body(),
                    correction.note(),
                    correction.correctedBy(),
                    correction.correctedAt(),
                    correction.changes(),
                    correction.revision(),
                    correction.eventId());
        }
    }

    record RetractionView(
            String tipId, String reason, String retractedBy, Instant retractedAt, long revision, String eventId) {

        static RetractionView of(ModeratedTip tip) {
            return new RetractionView(
                    tip.tipId(),
                    tip.retraction().reason(),
                    tip.retraction().retractedBy(),
                    tip.retraction().retractedAt(),
                    tip.retraction().revision(),
                    tip.retraction().eventId());
        }
    }
}
