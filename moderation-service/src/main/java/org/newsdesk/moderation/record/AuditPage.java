package org.newsdesk.moderation.record;

import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.Arrays;
import org.newsdesk.moderation.web.ModeratorPage;
import org.newsdesk.web.time.OutletTime;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The record's page for editors and its CSV export; both only read, like every route of the record. */
@ModeratorPage
class AuditPage {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AuditReader reader;

    AuditPage(AuditReader reader) {
        this.reader = reader;
    }

    @GetMapping("/audit")
    Mono<Rendering> audit(@Valid AuditQuery query) {
        return reader.page(query)
                .map(page -> Rendering.view("audit")
                        .modelAttribute("query", query)
                        .modelAttribute(
                                "rows", page.items().stream().map(this::row).toList())
                        .modelAttribute(
                                "acts",
                                Arrays.stream(Act.values()).map(ActChoice::of).toList())
                        .modelAttribute("next", page.next() == null ? null : query.link("/audit", page.next()))
                        .modelAttribute("first", query.cursor() == null ? null : query.link("/audit", null))
                        .modelAttribute(
                                "csv",
                                new AuditQuery(null, null, query.actor(), query.act(), query.from(), query.to())
                                        .link("/audit.csv", null))
                        .header(
                                HttpHeaders.CACHE_CONTROL,
                                CacheControl.noStore().getHeaderValue())
                        .build());
    }

    /** The same lines as the page, all of them, as a file a spreadsheet opens. */
    @GetMapping("/audit.csv")
    @ResponseBody
    ResponseEntity<Flux<String>> export(@Valid AuditQuery query) {
        String file = "newsdesk-record-" + LocalDate.now(reader.time().zone()) + ".csv";
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file).build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(reader.csv(query));
    }

    private Row row(EditorialAct act) {
        return new Row(
                reader.time().compact(act.at()),
                act.actor(),
                reader.displayName(act.actor()),
                ActWording.of(act.act()),
                act.tipId(),
                act.detail(),
                act.eventId());
    }

    record Row(
            OutletTime.Shown at,
            String actor,
            String actorName,
            String act,
            String tipId,
            String detail,
            String eventId) {}

    record ActChoice(String value, String label) {

        static ActChoice of(Act act) {
            return new ActChoice(act.name(), ActWording.of(act));
        }
    }
}
