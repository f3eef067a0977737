package org.newsdesk.moderation.queue;

import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.web.Age;
import org.newsdesk.moderation.web.ModeratorPage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * The queue page: the same pages, cursor and filters as the API, as a table a moderator works
 * down. Its links carry only cursors and filters it made itself; a query that is not one of them
 * is refused as the API refuses it.
 */
@ModeratorPage
class QueuePage {

    private final ModerationQueue queue;
    private final ModeratorAccounts accounts;

    QueuePage(ModerationQueue queue, ModeratorAccounts accounts) {
        this.queue = queue;
        this.accounts = accounts;
    }

    /**
     * The whole page, or with {@code rows} only its list: what the page's script fetches to bring
     * the list up to date when the live feed says something changed.
     */
    @GetMapping("/queue")
    Mono<Rendering> queue(
            @Valid QueueQuery query,
            @RequestParam(required = false) String rows,
            @RequestParam(required = false) String done,
            Principal moderator) {
        Instant now = Instant.now();
        return queue.page(query)
                .map(page -> Rendering.view(rows != null ? "queue :: rows" : "queue")
                        .modelAttribute("area", query.filter().area())
                        .modelAttribute("category", query.filter().category())
                        .modelAttribute("done", done)
                        .modelAttribute("firstPage", query.cursor() == null)
                        .modelAttribute(
                                "rows",
                                page.tips().stream()
                                        .map(tip -> Row.of(tip, now, moderator.getName(), accounts))
                                        .toList())
                        .modelAttribute("waiting", page.waiting())
                        .modelAttribute("next", page.next())
                        .build());
    }

    /** One line of the queue as the page shows it. */
    record Row(
            String tipId,
            String headline,
            String area,
            String category,
            String age,
            Instant submittedAt,
            int photoCount,
            String holderName,
            boolean mine,
            String heldNote) {

        static Row of(ModeratedTip tip, Instant now, String me, ModeratorAccounts accounts) {
            Claim claim = tip.claimAt(now);
            return new Row(
                    tip.tipId(),
                    tip.submission().headline(),
                    tip.submission().area(),
                    tip.submission().category(),
                    Age.since(tip.submission().submittedAt(), now),
                    tip.submission().submittedAt(),
                    tip.submission().photos().size(),
                    claim == null ? null : accounts.displayName(claim.holder()),
                    claim != null && claim.holder().equals(me),
                    tip.hold() == null ? null : tip.hold().note());
        }
    }
}
