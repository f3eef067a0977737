package org.newsdesk.submission.tip;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.submission.photo.PhotoProperties;
import org.newsdesk.submission.photo.PhotoRefusedException;
import org.newsdesk.submission.photo.Upload;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The tip form behind "Tell us YOUR news", for a resident with a browser, JavaScript or not. A
 * tip from the form takes the same path as one from the JSON API ({@link TipSubmissions}): it is
 * stored, with its event, before the receipt is shown.
 *
 * <p>The receipt page is the answer to the POST itself rather than a redirect: a redirect would
 * need the code in a URL (history, logs, {@code Referer}). A refresh posts the form again, and its
 * one-time token makes that the same tip with the same receipt.
 */
// Served only where there is a web server, and so clients to limit (a rebuild run has neither).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Controller
class TipFormController {

    /** What the error summary calls each field, as its label does. */
    private static final Map<String, String> LABELS = Map.of("headline", "Headline", "body", "What happened",
            "area", "Where it happened", "happenedOn", "When it happened", "category", "What it is about",
            "photos", "Photos", "name", "Your name", "email", "Email address", "phone", "Phone number",
            "website", "Leave this empty");

    private static final CacheControl NEVER_STORED = CacheControl.noStore();

    private final TipSubmissions submissions;
    private final OutletProperties outlet;
    private final Validator validator;
    private final RateLimit tipRateLimit;
    private final ClientAddresses clients;
    private final PhotoProperties photoLimits;

    TipFormController(TipSubmissions submissions, OutletProperties outlet, Validator validator,
            @Qualifier("tipRateLimit") RateLimit tipRateLimit, ClientAddresses clients, PhotoProperties photoLimits) {
        this.submissions = submissions;
        this.outlet = outlet;
        this.validator = validator;
        this.tipRateLimit = tipRateLimit;
        this.clients = clients;
        this.photoLimits = photoLimits;
    }

    @ModelAttribute("outlet")
    OutletProperties outlet() {
        return outlet;
    }

    /** Never cached: every visit gets its own one-time token. */
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    Rendering form() {
        return formPage(TipFormPage.blank(IdempotencyKey.newFormToken()), HttpStatus.OK);
    }

    @PostMapping(path = "/tips", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> send(ServerWebExchange exchange) {
        return exchange.getMultipartData()
                .flatMap(parts -> PhotoUploads.read(parts.getOrDefault("photos", List.of()))
                        .flatMap(uploads -> send(TipForm.of(parts), uploads, exchange)))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(problemPage(
                        HttpStatus.CONTENT_TOO_LARGE, "Your tip is too large to send",
                        "Together with its photos it is larger than we can take. Please send fewer or smaller "
                                + "photos, or shorten the text, and send it again.")));
    }

    private Mono<Rendering> send(TipForm form, List<Upload> uploads, ServerWebExchange exchange) {
        Map<String, String> errors = check(form);
        if (!errors.isEmpty()) {
            return Mono.just(formPage(new TipFormPage(form, errors, null), HttpStatus.BAD_REQUEST));
        }
        Optional<Duration> wait = tipRateLimit.take(clients.pseudonym(exchange));
        if (wait.isPresent()) {
            return Mono.just(Rendering.view("too-many-tips")
                    .status(HttpStatus.TOO_MANY_REQUESTS)
                    .modelAttribute("minutes", Math.max(1, (wait.get().toSeconds() + 59) / 60))
                    .header(HttpHeaders.RETRY_AFTER, ProblemException.retryAfterSeconds(wait.get()))
                    .header(HttpHeaders.CACHE_CONTROL, NEVER_STORED.getHeaderValue())
                    .build());
        }
        return submissions.submit(form.toRequest(), IdempotencyKey.fromFormToken(form.formToken()), uploads)
                .map(accepted -> Rendering.view("receipt")
                        .modelAttribute("receipt", accepted.receipt())
                        .header(HttpHeaders.CACHE_CONTROL, NEVER_STORED.getHeaderValue())
                        .build())
                .onErrorResume(PhotoRefusedException.class, refused -> Mono.just(formPage(new TipFormPage(form,
                        Map.of("photos", refused.reason()), null), HttpStatus.valueOf(refused.getStatusCode().value()))))
                // The page was sent before, then changed (back, edit, send): a new tip, if they want.
                .onErrorResume(KeyReusedException.class, reused -> Mono.just(formPage(new TipFormPage(
                        form.withToken(IdempotencyKey.newFormToken()), Map.of(),
                        "You already sent this form once, and we have that tip. If this is a new tip, "
                                + "check it and send it again."), HttpStatus.CONFLICT)))
                .onErrorResume(TipNotAcceptedException.class, notAccepted -> Mono.just(formPage(new TipFormPage(
                        form, Map.of(), "We could not take your tip just now. What you wrote is "
                                + "still here: please send it again in a moment."), HttpStatus.SERVICE_UNAVAILABLE, notAccepted.getHeaders())));
    }

    /** Every problem with the form, one per field, in the order of the form. */
    private Map<String, String> check(TipForm form) {
        Map<String, String> found = new LinkedHashMap<>();
        TipRequest request = form.toRequest();
        Set<ConstraintViolation<TipRequest>> violations = validator.validate(request);
        violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<TipRequest> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(violation -> found.putIfAbsent(violation.getPropertyPath().toString(),
                        sentence(violation.getPropertyPath().toString(), violation.getMessage())));
        if (request.area() == null) {
            found.put("area", "Choose where it happened");
        }
        else if (!outlet.areaChoices().contains(request.area())) {
            found.put("area", "Choose where it happened from the list");
        }
        if (request.category() == null) {
            found.put("category", "Choose what your tip is about");
        }
        else if (!outlet.categories().contains(request.category())) {
            found.put("category", "Choose what your tip is about from the list");
        }
        if (form.dateUnreadable()) {
            found.put("happenedOn", "When it happened must be a date, like 31/05/2024");
        }
        if (!form.website().isBlank()) {
            found.put("website", "Leave the field “Leave this empty” empty");
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        TipFormPage.FIELDS.stream().filter(found::containsKey).forEach(field -> ordered.put(field, found.get(field)));
        return ordered;
    }

    private static String sentence(String field, String message) {
        if (message.equals("is required")) {
            return field.equals("body") ? "Tell us what happened" : "Give your tip a headline";
        }
        return LABELS.getOrDefault(field, field) + " " + message;
    }

    private Rendering formPage(TipFormPage page, HttpStatus status) {
        return formPage(page, status, HttpHeaders.EMPTY);
    }

    private Rendering formPage(TipFormPage page, HttpStatus status, HttpHeaders headers) {
        return Rendering.view("tip-form")
                .status(status)
                .modelAttribute("page", page)
                .modelAttribute("areas", outlet.areaChoices())
                .modelAttribute("photoLimits", photoLimits)
                .header(HttpHeaders.CACHE_CONTROL, NEVER_STORED.getHeaderValue())
                .headers(headers)
                .build();
    }

    static Rendering problemPage(HttpStatus status, String title, String detail) {
        return Rendering.view("problem")
                .status(status)
                .modelAttribute("title", title)
                .modelAttribute("detail", detail)
                .header(HttpHeaders.CACHE_CONTROL, NEVER_STORED.getHeaderValue())
                .build();
    }
}
