package org.newsdesk.moderation.queue;

import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.QueueFilter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class QueueController {

    private final ModerationQueue queue;
    private final ModeratorAccounts accounts;

    QueueController(ModerationQueue queue, ModeratorAccounts accounts) {
        this.queue = queue;
        this.accounts = accounts;
    }

    /**
     * One page of the undecided tips, oldest first, so the tip that has waited longest is read
     * first; {@code next} is the cursor of the following page, {@code null} on the last one. Tips
     * waiting and on hold alike, as before the pages split them, unless {@code list} names one.
     */
    @GetMapping(path = "/api/queue", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page> queue(@Valid QueueQuery query) {
        Instant now = Instant.now();
        return queue.page(query, QueueFilter.Standing.ANY)
                .map(page -> new Page(
                        page.tips().stream()
                                .map(tip -> QueueItem.of(tip, now, accounts::displayName))
                                .toList(),
                        page.next(),
                        page.count()));
    }

    /** @param waiting how many tips match the filters and the list, on every page */
    record Page(List<QueueItem> items, String next, long waiting) {}
}
