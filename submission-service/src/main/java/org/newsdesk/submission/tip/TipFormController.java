package org.newsdesk.submission.tip;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.submission.ResidentPages;
import org.newsdesk.submission.photo.PhotoProperties;
import org.newsdesk.submission.photo.PhotoRefusedException;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.problem.ShownProblem;
import org.newsdesk.web.time.OutletTime;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The tip form behind "Tell us YOUR news", for a resident with a browser, JavaScript or not. A
 * tip from the form takes the same path as one from the JSON API ({@link TipSubmissions}): it is
 * stored, with its event, before the receipt is shown.
 *
 * <p>The receipt page is the answer to the POST itself rather than a redirect: a redirect would
 * need the code in a URL (history, logs, {@code Referer}). A refresh posts the form again, and its
 * one-time token makes that the same tip with the same receipt.
 *
 * <p>Whatever goes wrong, a person with a browser is answered with a page, never problem details:
 * the form again, with their words and what to change, or a page saying what happened.
 */
// Served only where there is a web server, and so clients to limit (a rebuild run has neither).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Controller
class TipFormController {

    private final TipSubmissions submissions;
    private final OutletProperties outlet;
    private final RateLimit tipRateLimit;
    private final ClientAddresses clients;
    private final PhotoProperties photoLimits;
    private final Clock clock;
    private final OutletTime outletTime;

    TipFormController(
            TipSubmissions submissions,
            OutletProperties outlet,
            @Qualifier("tipRateLimit") RateLimit tipRateLimit,
            ClientAddresses clients,
            PhotoProperties photoLimits,
            Clock clock,
            OutletTime outletTime) {
        this.submissions = submissions;
        this.outlet = outlet;
        this.tipRateLimit = tipRateLimit;
        this.clients = clients;
        this.photoLimits = photoLimits;
        this.clock = clock;
        this.outletTime = outletTime;
    }

    /** Never cached: every visit gets its own one-time token. */
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    Rendering form() {
        return formPage(TipFormPage.blank(IdempotencyKey.newFormToken()), HttpStatus.OK);
    }

    /** The photos come as parts named after their slots (see {@link PhotoUploads#fromSlots}). */
    @PostMapping(path = "/tips", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> send(@Valid TipForm form, BindingResult errors, ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(parts -> send(form, errors, parts, exchange));
    }

    private Mono<Rendering> send(
            TipForm form, BindingResult errors, MultiValueMap<String, Part> parts, ServerWebExchange exchange) {
        boolean photosChosen = PhotoUploads.anyChosen(parts);
        if (errors.hasErrors()) {
            return Mono.just(formPage(TipFormPage.refused(form, errors, photosChosen), HttpStatus.BAD_REQUEST));
        }
        Optional<Duration> wait = tipRateLimit.take(clients.pseudonym(exchange));
        if (wait.isPresent()) {
            return Mono.just(page("too-many-tips", HttpStatus.TOO_MANY_REQUESTS)
                    .modelAttribute("minutes", Math.max(1, (wait.get().toSeconds() + 59) / 60))
                    .header(HttpHeaders.RETRY_AFTER, ProblemException.retryAfterSeconds(wait.get()))
                    .build());
        }
        return PhotoUploads.fromSlots(parts, form.slotCredits())
                .flatMap(chosen -> submissions.submit(
                        form.toRequest(chosen.credits()),
                        IdempotencyKey.fromFormToken(form.formToken()),
                        chosen.photos()))
                .map(accepted -> page("receipt", HttpStatus.OK)
                        .modelAttribute("receipt", accepted.receipt())
                        .build())
                .onErrorResume(
                        PhotoRefusedException.class,
                        refused -> Mono.just(formPage(
                                new TipFormPage(form, Map.of("photos", refused.reason()), null, true),
                                refused.getStatusCode())))
                // The page was sent before, then changed (back, edit, send): a new tip, if they want.
                .onErrorResume(
                        KeyReusedException.class,
                        reused -> Mono.just(formPage(
                                new TipFormPage(
                                        form.withToken(IdempotencyKey.newFormToken()),
                                        Map.of(),
                                        "You already sent this form once, and we have that tip. If this is a new tip, "
                                                + "check it and send it again.",
                                        photosChosen),
                                HttpStatus.CONFLICT)))
                .onErrorResume(
                        TipNotAcceptedException.class,
                        notAccepted -> Mono.just(formPage(
                                new TipFormPage(
                                        form,
                                        Map.of(),
                                        "We could not take your tip just now. What you wrote is "
                                                + "still here: please send it again in a moment.",
                                        photosChosen),
                                HttpStatus.SERVICE_UNAVAILABLE,
                                notAccepted.getHeaders())));
    }

    /**
     * A body that is not the form a browser sends (no boundary, parts without names, the wrong
     * line ends): nothing of it can be shown again, so a page says what to do.
     */
    @ExceptionHandler
    Rendering unreadable(ServerWebInputException unreadable) {
        return problemPage(
                HttpStatus.BAD_REQUEST,
                "We could not read your tip",
                "What your browser sent did not arrive as a form we can read. Please go back, check your tip "
                        + "and send it again.");
    }

    @ExceptionHandler
    Rendering tooLarge(DataBufferLimitException tooLarge) {
        return problemPage(
                HttpStatus.CONTENT_TOO_LARGE,
                "Your tip is too large to send",
                "Together with its photos it is larger than we can take. Please send fewer or smaller "
                        + "photos, or shorten the text, and send it again.");
    }

    private Rendering formPage(TipFormPage form, HttpStatusCode status) {
        return formPage(form, status, HttpHeaders.EMPTY);
    }

    private Rendering formPage(TipFormPage form, HttpStatusCode status, HttpHeaders headers) {
        return page("tip-form", status)
                .modelAttribute("page", form)
                .modelAttribute("areas", outlet.areaChoices())
                .modelAttribute("photoLimits", photoLimits)
                // The latest day the date picker offers; the form refuses a later one all the same.
                .modelAttribute("today", LocalDate.ofInstant(clock.instant(), outletTime.zone()))
                .headers(headers)
                .build();
    }

    private Rendering problemPage(HttpStatus status, String title, String detail) {
        return page(ResidentPages.PROBLEM, status)
                .modelAttribute("problem", ShownProblem.worded(status, title, detail))
                .build();
    }

    private Rendering.Builder<?> page(String view, HttpStatusCode status) {
        return ResidentPages.page(view, status, outlet);
    }
}
