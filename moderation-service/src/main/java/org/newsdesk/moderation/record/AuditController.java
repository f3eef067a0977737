package org.newsdesk.moderation.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The record for other tools: read-only, like every route of the record (none edits or removes a line). */
@RestController
class AuditController {

    private final AuditReader reader;

    AuditController(AuditReader reader) {
        this.reader = reader;
    }

    /** One page of the record, newest first; {@code next} is the cursor of the following page, {@code null} on the last. */
    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page> audit(@Valid AuditQuery query) {
        return reader.page(query)
                .map(page -> new Page(page.items().stream().map(Item::of).toList(), page.next()));
    }

    record Page(List<Item> items, String next) {}

    /** @param actor the account that acted; {@code null} for a failed sign-in to an account that does not exist */
    record Item(
            String id,
            Instant at,
            String actor,
            Act act,
            @JsonInclude(JsonInclude.Include.NON_NULL) String tipId,
            String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) String eventId) {

        static Item of(EditorialAct act) {
            return new Item(act.id(), act.at(), act.actor(), act.act(), act.tipId(), act.detail(), act.eventId());
        }
    }
}
