package org.newsdesk.moderation.queue;

import java.security.Principal;
import java.time.Instant;

import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.web.Age;
import org.newsdesk.moderation.web.InvalidRequestException;
import org.newsdesk.moderation.web.ModeratorPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** The queue page: the same pages, cursor and filters as the API, as a table a moderator works down. */
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
    Mono<String> queue(@RequestParam(required = false) String area, @RequestParam(required = false) String category,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String rows, @RequestParam(required = false) String done,
            Principal moderator, Model model) {
        ModerationQueue.Request request;
        try {
            request = queue.request(limit, cursor, area, category);
        }
        catch (InvalidRequestException unusable) {
            // A stale or hand-edited link: show the start of the queue and say so, rather than a bare error.
            model.addAttribute("notice", "That page of the queue no longer exists; here is its start.");
            request = queue.request(null, null, area, category);
        }
        ModerationQueue.Request shown = request;
        model.addAttribute("area", shown.filter().area());
        model.addAttribute("category", shown.filter().category());
        model.addAttribute("done", done);
        model.addAttribute("firstPage", shown.after() == null);
        Instant now = Instant.now();
        return queue.page(shown).map(page -> {
            model.addAttribute("rows", page.tips().stream().map(tip -> Row.of(tip, now, moderator.getName(), accounts)).toList());
            model.addAttribute("waiting", page.waiting());
            model.addAttribute("next", page.next());
            return rows != null ? "queue :: rows" : "queue";
        });
    }

    /** One line of the queue as the page shows it. */
    record Row(String tipId, String headline, String area, String category, String age, Instant submittedAt,
            int photoCount, String holderName, boolean mine, String heldNote) {

        static Row of(ModeratedTip tip, Instant now, String me, ModeratorAccounts accounts) {
            Claim claim = tip.claimAt(now);
            return new Row(tip.tipId(), tip.submission().headline(), tip.submission().area(),
                    tip.submission().category(), Age.since(tip.submission().submittedAt(), now),
                    tip.submission().submittedAt(), tip.submission().photos().size(),
                    claim == null ? null : accounts.displayName(claim.holder()),
                    claim != null && claim.holder().equals(me), tip.hold() == null ? null : tip.hold().note());
        }
    }
}
