package org.newsdesk.moderation.decision;

import jakarta.validation.Validator;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.media.MediaStore;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.editorial.CorrectionRequest;
import org.newsdesk.moderation.editorial.EditorialDesk;
import org.newsdesk.moderation.editorial.RetractionRequest;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.moderation.web.Age;
import org.newsdesk.moderation.web.ModeratorPage;
import org.newsdesk.moderation.web.OutcomeWords;
import org.newsdesk.web.problem.FieldProblem;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.time.OutletTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * The page a moderator works one tip on. Opening it claims the tip (or shows who has it); its
 * forms decide, renew or release with the same desk as the API, so the same rules and the same
 * conflicts apply. Every form works without JavaScript; the page's script only adds shortcuts and
 * renews the claim while the page stays open.
 */
@ModeratorPage
class TipPage {

    private final DecisionDesk desk;
    private final ResidentContacts contacts;
    private final EditorialDesk editorial;
    private final ModerationProperties settings;
    private final ModeratorAccounts accounts;
    private final ObjectProvider<MediaStore> media;
    private final Validator validator;
    private final SimilarTips similar;
    private final OutletTime time;

    TipPage(
            DecisionDesk desk,
            ResidentContacts contacts,
            EditorialDesk editorial,
            ModerationProperties settings,
            ModeratorAccounts accounts,
            ObjectProvider<MediaStore> media,
            Validator validator,
            SimilarTips similar,
            OutletTime time) {
        this.desk = desk;
        this.contacts = contacts;
        this.editorial = editorial;
        this.settings = settings;
        this.accounts = accounts;
        this.media = media;
        this.validator = validator;
        this.similar = similar;
        this.time = time;
    }

    /** @param done what an editor just did to the story ({@code corrected}, {@code withdrawn}), to confirm it */
    @GetMapping("/tips/{tipId}")
    Mono<Rendering> tip(@PathVariable String tipId, @RequestParam(required = false) String done, Principal moderator) {
        return desk.claim(tipId, moderator.getName())
                .onErrorResume(
                        ProblemException.class, refused -> conflict(refused) ? desk.find(tipId) : Mono.error(refused))
                .flatMap(tip -> page(tip, moderator.getName(), HttpStatus.OK, List.of(), null, EditorForms.done(done)));
    }

    /**
     * An editor's correction, made as the API makes it: the form holds the text exactly as readers
     * will read it. A refusal shows the page again with the editor's words and each problem beside its field.
     */
    @PostMapping(path = "/tips/{tipId}/correction", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<Rendering> correct(@PathVariable String tipId, CorrectionForm form, Principal editor) {
        String me = editor.getName();
        CorrectionRequest request = form.request();
        List<FieldProblem> problems = problems(request);
        if (!problems.isEmpty()) {
            return desk.find(tipId)
                    .flatMap(tip -> page(
                            tip, me, HttpStatus.BAD_REQUEST, List.of(), null, EditorForms.correcting(form, problems)));
        }
        return editorial
                .correct(tipId, request, me)
                .map(corrected -> Rendering.redirectTo("/tips/" + tipId + "?done=corrected#done")
                        .build())
                .onErrorResume(
                        ProblemException.class,
                        refused -> editorRefused(tipId, me, refused, EditorForms.correcting(form, List.of())));
    }

    /**
     * An editor withdraws the story. The form asks them to tick that they understand what it does,
     * so one slip cannot take a story away from readers; without the tick nothing happens.
     */
    @PostMapping(path = "/tips/{tipId}/retraction", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<Rendering> retract(@PathVariable String tipId, RetractionForm form, Principal editor) {
        String me = editor.getName();
        RetractionRequest request = form.request();
        List<FieldProblem> problems = new ArrayList<>(problems(request));
        if (!form.confirmed()) {
            problems.add(new FieldProblem(
                    "confirm", "must be ticked: withdrawing takes the story away from readers for good"));
        }
        if (!problems.isEmpty()) {
            return desk.find(tipId)
                    .flatMap(tip -> page(
                            tip, me, HttpStatus.BAD_REQUEST, List.of(), null, EditorForms.retracting(form, problems)));
        }
        return editorial
                .retract(tipId, request, me)
                .map(retracted -> Rendering.redirectTo("/tips/" + tipId + "?done=withdrawn#done")
                        .build())
                .onErrorResume(
                        ProblemException.class,
                        refused -> editorRefused(tipId, me, refused, EditorForms.retracting(form, List.of())));
    }

    private List<FieldProblem> problems(Object request) {
        return validator.validate(request).stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
    }

    /** A conflict (not published, withdrawn, changed meanwhile) shows the page with it above the forms. */
    private Mono<Rendering> editorRefused(String tipId, String me, ProblemException refused, EditorForms forms) {
        if (!conflict(refused)) {
            return Mono.error(refused);
        }
        return desk.find(tipId)
                .flatMap(tip -> page(
                        tip, me, HttpStatus.CONFLICT, List.of(), null, forms.withConflict(conflictWords(refused))));
    }

    /**
     * Decides as the API does, with the request the form makes; a refusal shows the page again,
     * with each problem beside its field or the conflict above the form.
     */
    @PostMapping(path = "/tips/{tipId}/decision", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<Rendering> decide(@PathVariable String tipId, DecisionForm form, Principal moderator) {
        String me = moderator.getName();
        DecisionRequest request = form.request();
        List<FieldProblem> problems = new ArrayList<>(problems(request));
        problems.addAll(form.pageProblems());
        if (!problems.isEmpty()) {
            return desk.find(tipId)
                    .flatMap(tip -> page(tip, me, HttpStatus.BAD_REQUEST, problems, null, EditorForms.NONE, form));
        }
        return desk.decide(tipId, request, me)
                .map(decided ->
                        Rendering.redirectTo("/queue?done=" + decided.tipId()).build())
                .onErrorResume(ProblemException.class, refused -> {
                    if (refused.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                        return desk.find(tipId)
                                .flatMap(tip -> page(
                                        tip,
                                        me,
                                        HttpStatus.BAD_REQUEST,
                                        refused.fieldProblems(),
                                        null,
                                        EditorForms.NONE,
                                        form));
                    }
                    return conflict(refused)
                            ? desk.find(tipId)
                                    .flatMap(tip -> page(
                                            tip,
                                            me,
                                            HttpStatus.CONFLICT,
                                            List.of(),
                                            conflictWords(refused),
                                            EditorForms.NONE))
                            : Mono.error(refused);
                });
    }

    /** The page's script renews the claim with this while the page is open; without script, the button does. */
    @PostMapping(path = "/tips/{tipId}/claim", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Mono<Map<String, Object>> renew(@PathVariable String tipId, Principal moderator) {
        return desk.claim(tipId, moderator.getName())
                .map(tip -> Map.of("tipId", tipId, "expiresAt", tip.claim().expiresAt()));
    }

    @PostMapping(path = "/tips/{tipId}/claim", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> claimAndShow(@PathVariable String tipId, Principal moderator) {
        Rendering backToTheTip = Rendering.redirectTo("/tips/" + tipId).build();
        return desk.claim(tipId, moderator.getName())
                .thenReturn(backToTheTip)
                .onErrorResume(
                        ProblemException.class,
                        refused -> conflict(refused) ? Mono.just(backToTheTip) : Mono.error(refused));
    }

    @PostMapping("/tips/{tipId}/release")
    Mono<Rendering> release(@PathVariable String tipId, Principal moderator) {
        return desk.release(tipId, moderator.getName())
                .thenReturn(Rendering.redirectTo("/queue").build());
    }

    /**
     * A resident's photo, only to a signed-in moderator and only as part of the tip it came with;
     * a 410 once it was erased with the resident's contact details, a 404 when the media store has
     * it no more for another reason.
     */
    @GetMapping("/tips/{tipId}/photos/{photoId}")
    Mono<ResponseEntity<byte[]>> photo(@PathVariable String tipId, @PathVariable String photoId) {
        MediaStore store = media.getIfAvailable();
        return desk.find(tipId)
                .flatMap(tip -> {
                    if (tip.photoErased(photoId)) {
                        return Mono.error(ProblemException.of(
                                HttpStatus.GONE,
                                "Photo erased",
                                "Photo " + photoId + " of tip " + tipId
                                        + " was erased with the resident's contact details"));
                    }
                    return Mono.justOrEmpty(tip.submission().photo(photoId));
                })
                .filter(photo -> store != null)
                .flatMap(photo -> store.read(photo.id()))
                .map(stored -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(stored.reference().contentType()))
                        // Contact details and faces: never kept by a shared cache.
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .body(stored.bytes()))
                .switchIfEmpty(Mono.error(() -> ProblemException.of(
                        HttpStatus.NOT_FOUND, "Unknown photo", "Tip " + tipId + " has no photo " + photoId)));
    }

    /** The decision in the words the page uses for people, not the API's. */
    private static String outcomeWords(ModeratedTip tip) {
        if (tip.decision() == null) {
            return null;
        }
        if (tip.retraction() != null) {
            return "Published, then withdrawn";
        }
        return OutcomeWords.of(tip.decision().outcome());
    }

    /**
     * Why the decision or the editor's change was not made, for the person on the page: the API's
     * detail names the tip by id and times in UTC, which the page has no use for.
     */
    private static String conflictWords(ProblemException refused) {
        Object holder = refused.getBody().getProperties() == null
                ? null
                : refused.getBody().getProperties().get("holderName");
        return switch (String.valueOf(refused.getBody().getTitle())) {
            case "Tip claimed by someone else" ->
                holder + " is working on this tip now. Your decision was not recorded.";
            case "Tip already decided" ->
                "Someone decided this tip while you were reading it. Your decision was not recorded.";
            case "Tip withdrawn by the resident" ->
                "The resident withdrew this tip while you were reading it. Your decision was not recorded.";
            case "Story changed meanwhile" ->
                "Someone changed this story while you were working on it. Nothing was published: read it again,"
                        + " then make your change.";
            case "Story not published" -> "This tip was not published, so there is no story to correct or withdraw.";
            case "Story withdrawn" -> "This story was withdrawn, and a withdrawn story stays withdrawn.";
            default ->
                "Someone changed this tip while you were reading it. Nothing was recorded: read it again, then decide.";
        };
    }

    private static boolean conflict(ProblemException refused) {
        return refused.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT);
    }

    /**
     * The page, with the resident's contact details opened for {@code me} (and their showing on
     * the tip's history) or what stands in their place.
     */
    private Mono<Rendering> page(
            ModeratedTip tip,
            String me,
            HttpStatus status,
            List<FieldProblem> errors,
            String conflict,
            EditorForms forms) {
        return page(tip, me, status, errors, conflict, forms, null);
    }

    /** @param sent the decision form as the moderator sent it, to show it again with their words; or {@code null} */
    private Mono<Rendering> page(
            ModeratedTip tip,
            String me,
            HttpStatus status,
            List<FieldProblem> errors,
            String conflict,
            EditorForms forms,
            DecisionForm sent) {
        Mono<List<ModeratedTip>> alike =
                tip.state() == TipState.PENDING ? similar.like(tip).collectList() : Mono.just(List.of());
        String duplicateOf = tip.decision() == null ? null : tip.decision().duplicateOf();
        Mono<Optional<ModeratedTip>> original = duplicateOf == null
                ? Mono.just(Optional.empty())
                : desk.findIfKnown(duplicateOf).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(contacts.showTo(tip, me), alike, original)
                .map(found -> page(
                        found.getT1().tip(),
                        found.getT1().contact(),
                        me,
                        status,
                        DecisionProblems.of(errors),
                        conflict,
                        forms,
                        sent,
                        found.getT2(),
                        found.getT3().orElse(null)));
    }

    private Rendering page(
            ModeratedTip tip,
            ContactView contact,
            String me,
            HttpStatus status,
            DecisionProblems errors,
            String conflict,
            EditorForms forms,
            DecisionForm sent,
            List<ModeratedTip> alike,
            ModeratedTip original) {
        Instant now = Instant.now();
        OutletTime time = this.time;
        Claim claim = tip.claimAt(now);
        Decision draft = tip.decision();
        return Rendering.view("tip")
                .status(status)
                .modelAttribute("contact", contact)
                .modelAttribute("withdrawal", tip.withdrawal())
                .modelAttribute("tip", TipView.of(tip, now, accounts::displayName))
                .modelAttribute("submission", tip.submission())
                .modelAttribute("age", Age.since(tip.submission().submittedAt(), now))
                .modelAttribute("pending", tip.state() == TipState.PENDING)
                .modelAttribute("decided", tip.state() == TipState.DECIDED)
                .modelAttribute(
                        "decidedByName",
                        tip.decision() == null
                                ? null
                                : accounts.displayName(tip.decision().decidedBy()))
                .modelAttribute("mine", claim != null && claim.holder().equals(me))
                .modelAttribute("holderName", claim == null ? null : accounts.displayName(claim.holder()))
                .modelAttribute("claimExpiresAt", claim == null ? null : claim.expiresAt())
                .modelAttribute("leaseSeconds", settings.claims().lease().toSeconds())
                // A tip back from a hold keeps the edits made before it.
                .modelAttribute(
                        "headline",
                        sent != null && sent.headline() != null
                                ? sent.headline()
                                : draft != null
                                        ? draft.headline()
                                        : tip.submission().headline())
                .modelAttribute(
                        "body",
                        sent != null && sent.body() != null
                                ? sent.body()
                                : draft != null
                                        ? draft.body()
                                        : tip.submission().body())
                .modelAttribute("photos", photos(tip, sent))
                .modelAttribute("sent", sent == null ? DecisionForm.EMPTY : sent)
                .modelAttribute("reasons", settings.declineReasons())
                .modelAttribute("errors", errors)
                .modelAttribute("conflict", conflict)
                .modelAttribute("revision", tip.revision())
                .modelAttribute("story", StoryState.of(tip, accounts::displayName))
                .modelAttribute(
                        "correction",
                        forms.correction() != null
                                ? forms.correction()
                                : tip.published()
                                        ? new CorrectionForm(tip.headlineNow(), tip.bodyNow(), null)
                                        : new CorrectionForm(null, null, null))
                .modelAttribute("retraction", forms.retraction() != null ? forms.retraction() : RetractionForm.EMPTY)
                .modelAttribute("correctionErrors", forms.correctionErrors())
                .modelAttribute("retractionErrors", forms.retractionErrors())
                .modelAttribute("editorConflict", forms.conflict())
                .modelAttribute("done", forms.done())
                .modelAttribute("outcomeWords", outcomeWords(tip))
                .modelAttribute("time", time)
                .modelAttribute("today", time.day(now))
                .modelAttribute("history", HistoryLine.of(tip, original, accounts::displayName, time))
                .modelAttribute("similar", alike.stream().map(SimilarView::of).toList())
                .modelAttribute("original", original == null ? null : SimilarView.of(original))
                .modelAttribute(
                        "storyUrl", tip.story() == null ? null : tip.story().url())
                .build();
    }

    /** The resident's photos, each as the form sent it back or as the last decision chose it. */
    private static List<PhotoChoiceView> photos(ModeratedTip tip, DecisionForm sent) {
        List<StoryPhoto> chosen = sent != null
                ? sent.storyPhotos(tip.submission())
                : tip.decision() == null ? List.of() : tip.decision().photos();
        List<PhotoChoiceView> views = new ArrayList<>();
        int number = 1;
        for (PhotoReference photo : tip.submission().photos()) {
            StoryPhoto choice = chosen.stream()
                    .filter(story -> story.photo().id().equals(photo.id()))
                    .findFirst()
                    .orElse(null);
            views.add(new PhotoChoiceView(
                    photo.id(),
                    number++,
                    photo.width(),
                    photo.height(),
                    "/tips/" + tip.tipId() + "/photos/" + photo.id(),
                    choice != null,
                    choice == null ? null : choice.caption(),
                    choice == null ? null : choice.alt(),
                    photo.credit(),
                    tip.photoErased(photo.id())));
        }
        return views;
    }

    /**
     * @param alt    the description the moderator gave it, for readers who cannot see it
     * @param credit who took it, as the resident allowed us to print it; {@code null} credits a reader
     * @param erased whether it went with the resident's contact details: nothing to show or to publish
     */
    record PhotoChoiceView(
            String id,
            int number,
            int width,
            int height,
            String url,
            boolean chosen,
            String caption,
            String alt,
            String credit,
            boolean erased) {}

    /**
     * A tip this one may repeat, as the page lists it, and what its resident reads if this one is
     * marked a duplicate of it.
     *
     * @param state     where it stands, in the moderators' words
     * @param storyUrl  where readers find its story, once published
     * @param reason    what this tip's resident reads: that the story is told, or being followed up, there
     */
    record SimilarView(
            String tipId, String headline, String area, String state, Instant sentAt, String storyUrl, String reason) {

        static SimilarView of(ModeratedTip tip) {
            boolean published = tip.published();
            return new SimilarView(
                    tip.tipId(),
                    published ? tip.headlineNow() : tip.submission().headline(),
                    tip.submission().area(),
                    published
                            ? OutcomeWords.of(Outcome.APPROVED)
                            : tip.hold() != null ? OutcomeWords.of(Outcome.HELD) : "Waiting",
                    tip.submission().submittedAt(),
                    tip.story() == null ? null : tip.story().url(),
                    published ? DecisionRequest.COVERED_WORDING : DecisionRequest.DUPLICATE_WORDING);
        }
    }
}
