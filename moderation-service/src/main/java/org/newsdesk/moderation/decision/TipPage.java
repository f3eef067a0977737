package org.newsdesk.moderation.decision;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.media.MediaStore;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.moderation.web.Age;
import org.newsdesk.moderation.web.FieldProblem;
import org.newsdesk.moderation.web.InvalidRequestException;
import org.newsdesk.moderation.web.ModeratorPage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
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
    private final ModerationProperties settings;
    private final ModeratorAccounts accounts;
    private final ObjectProvider<MediaStore> media;

    TipPage(DecisionDesk desk, ModerationProperties settings, ModeratorAccounts accounts, ObjectProvider<MediaStore> media) {
        this.desk = desk;
        this.settings = settings;
        this.accounts = accounts;
        this.media = media;
    }

    @GetMapping("/tips/{tipId}")
    Mono<String> tip(@PathVariable String tipId, Principal moderator, Model model) {
        return desk.claim(tipId, moderator.getName())
                .onErrorResume(ErrorResponseException.class, refused -> refused.getStatusCode().value() == 409
                        ? desk.find(tipId) : Mono.error(refused))
                .flatMap(tip -> render(tip, moderator.getName(), model, List.of(), null));
    }

    @PostMapping("/tips/{tipId}/decision")
    Mono<String> decide(@PathVariable String tipId, Principal moderator, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(form -> {
            DecisionRequest.Validated valid;
            try {
                valid = request(form).validated(settings);
            }
            catch (InvalidRequestException invalid) {
                return desk.find(tipId).flatMap(tip -> rerender(tip, moderator, model, exchange, HttpStatus.BAD_REQUEST,
                        problems(invalid), null));
            }
            return desk.decide(tipId, valid, moderator.getName())
                    .map(decided -> "redirect:/queue?done=" + decided.tipId())
                    .onErrorResume(InvalidRequestException.class, invalid -> desk.find(tipId)
                            .flatMap(tip -> rerender(tip, moderator, model, exchange, HttpStatus.BAD_REQUEST,
                                    problems(invalid), null)))
                    .onErrorResume(ErrorResponseException.class, refused -> refused.getStatusCode().value() != 409
                            ? Mono.error(refused)
                            : desk.find(tipId).flatMap(tip -> rerender(tip, moderator, model, exchange,
                                    HttpStatus.CONFLICT, List.of(), refused.getBody().getDetail())));
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
    Mono<String> claimAndShow(@PathVariable String tipId, Principal moderator) {
        return desk.claim(tipId, moderator.getName()).thenReturn("redirect:/tips/" + tipId)
                .onErrorResume(ErrorResponseException.class, refused -> refused.getStatusCode().value() == 409
                        ? Mono.just("redirect:/tips/" + tipId) : Mono.error(refused));
    }

    @PostMapping("/tips/{tipId}/release")
    Mono<String> release(@PathVariable String tipId, Principal moderator) {
        return desk.release(tipId, moderator.getName()).thenReturn("redirect:/queue");
    }

    /** A resident's photo, only to a signed-in moderator and only as part of the tip it came with. */
    @GetMapping("/tips/{tipId}/photos/{photoId}")
    Mono<ResponseEntity<byte[]>> photo(@PathVariable String tipId, @PathVariable String photoId) {
        MediaStore store = media.getIfAvailable();
        return desk.find(tipId)
                .flatMap(tip -> Mono.justOrEmpty(tip.submission().photo(photoId)))
                .filter(photo -> store != null)
                .flatMap(photo -> store.read(photo.id()))
                .map(stored -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(stored.reference().contentType()))
                        // Contact details and faces: never kept by a shared cache.
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .body(stored.bytes()))
                .switchIfEmpty(Mono.error(() -> new ErrorResponseException(HttpStatus.NOT_FOUND)));
    }

    private Mono<String> rerender(ModeratedTip tip, Principal moderator, Model model, ServerWebExchange exchange,
            HttpStatus status, List<FieldProblem> errors, String conflict) {
        exchange.getResponse().setStatusCode(status);
        return render(tip, moderator.getName(), model, errors, conflict);
    }

    private Mono<String> render(ModeratedTip tip, String me, Model model, List<FieldProblem> errors, String conflict) {
        Instant now = Instant.now();
        Claim claim = tip.claimAt(now);
        Decision draft = tip.decision();
        model.addAttribute("tip", TipView.of(tip, now, accounts::displayName));
        model.addAttribute("submission", tip.submission());
        model.addAttribute("age", Age.since(tip.submission().submittedAt(), now));
        model.addAttribute("pending", tip.state() == TipState.PENDING);
        model.addAttribute("mine", claim != null && claim.holder().equals(me));
        model.addAttribute("holderName", claim == null ? null : accounts.displayName(claim.holder()));
        model.addAttribute("claimExpiresAt", claim == null ? null : claim.expiresAt());
        model.addAttribute("leaseSeconds", settings.claims().lease().toSeconds());
        // A tip back from a hold keeps the edits made before it.
        model.addAttribute("headline", draft != null ? draft.headline() : tip.submission().headline());
        model.addAttribute("body", draft != null ? draft.body() : tip.submission().body());
        model.addAttribute("photos", photos(tip));
        model.addAttribute("reasons", settings.declineReasons());
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict);
        model.addAttribute("revision", tip.revision());
        return Mono.just("tip");
    }

    private static List<PhotoChoiceView> photos(ModeratedTip tip) {
        List<StoryPhoto> chosen = tip.decision() == null ? List.of() : tip.decision().photos();
        List<PhotoChoiceView> views = new ArrayList<>();
        int number = 1;
        for (PhotoReference photo : tip.submission().photos()) {
            StoryPhoto choice = chosen.stream().filter(story -> story.photo().id().equals(photo.id())).findFirst()
                    .orElse(null);
            views.add(new PhotoChoiceView(photo.id(), number++, photo.width(), photo.height(),
                    "/tips/" + tip.tipId() + "/photos/" + photo.id(), choice != null,
                    choice == null ? null : choice.caption()));
        }
        return views;
    }

    /** What the page's one form sent, read the way the API reads JSON; fields that do not go with the outcome are left out. */
    private static DecisionRequest request(MultiValueMap<String, String> form) {
        String outcome = text(form, "outcome");
        Outcome parsed = null;
        for (Outcome candidate : Outcome.values()) {
            if (candidate.name().equals(outcome)) {
                parsed = candidate;
            }
        }
        List<DecisionRequest.PhotoChoice> photos = new ArrayList<>();
        for (String id : form.getOrDefault("photo", List.of())) {
            photos.add(new DecisionRequest.PhotoChoice(id, text(form, "caption-" + id)));
        }
        return new DecisionRequest(outcome,
                edited(form, "headline"), edited(form, "body"),
                parsed == Outcome.REJECTED || parsed == Outcome.DUPLICATE ? text(form, "reason") : null,
                parsed == Outcome.REJECTED ? text(form, "reasonCode") : null,
                parsed == Outcome.APPROVED ? photos : List.of(),
                parsed == Outcome.DUPLICATE ? text(form, "duplicateOf") : null,
                parsed == Outcome.HELD ? text(form, "note") : null);
    }

    /** A form sends empty strings for fields left alone; they count as not given. */
    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Text as the moderator left it; browsers send a textarea's line breaks as CRLF, which is no edit. */
    private static String edited(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.replace("\r\n", "\n");
    }

    private static List<FieldProblem> problems(InvalidRequestException invalid) {
        Object errors = invalid.getBody().getProperties() == null ? null : invalid.getBody().getProperties().get("errors");
        List<FieldProblem> problems = new ArrayList<>();
        if (errors instanceof List<?> list) {
            list.stream().filter(FieldProblem.class::isInstance).map(FieldProblem.class::cast).forEach(problems::add);
        }
        return problems;
    }

    record PhotoChoiceView(String id, int number, int width, int height, String url, boolean chosen, String caption) {
    }
}
