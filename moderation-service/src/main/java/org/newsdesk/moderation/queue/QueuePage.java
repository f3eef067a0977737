package org.newsdesk.moderation.queue;

import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.newsdesk.moderation.record.Act;
import org.newsdesk.moderation.record.AuditPosition;
import org.newsdesk.moderation.record.AuditReader;
import org.newsdesk.moderation.record.EditorialAct;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.web.Age;
import org.newsdesk.moderation.web.ModeratorPage;
import org.newsdesk.moderation.web.OutcomeWords;
import org.newsdesk.web.paging.PageLimit;
import org.newsdesk.web.paging.PageLimits;
import org.newsdesk.web.time.OutletTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * The queue's pages: the tips waiting, those on hold, and those decided lately. The first two
 * take the API's pages, cursor and filters, as a list a moderator works down. Their links carry
 * only cursors and filters the page made itself; a query that is not one of them is refused as
 * the API refuses it.
 */
@ModeratorPage
class QueuePage {

    static final String WAITING = "/queue";
    static final String HELD = "/queue/held";
    static final String DECIDED = "/queue/decided";

    private final ModerationQueue queue;
    private final ModeratorAccounts accounts;
    private final OutletTime time;
    private final AuditReader record;
    private final ModeratedTips tips;

    QueuePage(
            ModerationQueue queue,
            ModeratorAccounts accounts,
            OutletTime time,
            AuditReader record,
            ModeratedTips tips) {
        this.queue = queue;
        this.accounts = accounts;
        this.time = time;
        this.record = record;
        this.tips = tips;
    }

    /**
     * The tips waiting for a first decision, or with {@code list=held} those on hold. With
     * {@code rows} only its list: what the page's script fetches to bring the list up to date when
     * the live feed says something changed.
     */
    @GetMapping(WAITING)
    Mono<Rendering> waiting(
            @Valid QueueQuery query,
            @RequestParam(required = false) String rows,
            @RequestParam(required = false) String done,
            Principal moderator) {
        return list(query, QueueFilter.Standing.WAITING, rows, done, moderator);
    }

    /** The tips a moderator put on hold, each with its note: out of the waiting list until decided. */
    @GetMapping(HELD)
    Mono<Rendering> held(
            @Valid QueueQuery query,
            @RequestParam(required = false) String rows,
            @RequestParam(required = false) String done,
            Principal moderator) {
        return list(query, QueueFilter.Standing.HELD, rows, done, moderator);
    }

    private Mono<Rendering> list(
            QueueQuery query, QueueFilter.Standing unlessListed, String rows, String done, Principal moderator) {
        Instant now = Instant.now();
        return queue.page(query, unlessListed).flatMap(page -> {
            boolean held = page.filter().standing() == QueueFilter.Standing.HELD;
            QueueFilter other = new QueueFilter(
                    held ? QueueFilter.Standing.WAITING : QueueFilter.Standing.HELD,
                    page.filter().area(),
                    page.filter().category());
            return queue.count(other)
                    .map(otherCount -> Rendering.view(rows != null ? "queue :: rows" : "queue")
                            .modelAttribute("list", held ? "held" : "waiting")
                            .modelAttribute("path", held ? HELD : WAITING)
                            // The other list keeps the filters, as its count does.
                            .modelAttribute("waitingLink", query.link(WAITING, null))
                            .modelAttribute("heldLink", query.link(HELD, null))
                            .modelAttribute("firstLink", query.link(held ? HELD : WAITING, null))
                            .modelAttribute(
                                    "nextLink",
                                    page.next() == null ? null : query.link(held ? HELD : WAITING, page.next()))
                            .modelAttribute("waiting", held ? otherCount : page.count())
                            .modelAttribute("held", held ? page.count() : otherCount)
                            .modelAttribute("area", query.area())
                            .modelAttribute("category", query.category())
                            .modelAttribute("areas", queue.choices().areaOptions(query.area()))
                            .modelAttribute("categories", queue.choices().categoryOptions(query.category()))
                            .modelAttribute("done", done)
                            .modelAttribute("firstPage", query.cursor() == null)
                            .modelAttribute(
                                    "rows",
                                    page.tips().stream()
                                            .map(tip -> Row.of(tip, now, moderator.getName(), accounts, time))
                                            .toList())
                            .build());
        });
    }

    /**
     * The tips decided lately, newest first, as the record has them: its order reads only the
     * page's acts, then their tips by id, so a page costs the same however long the record grows.
     */
    @GetMapping(DECIDED)
    Mono<Rendering> decided(@Valid DecidedQuery query) {
        int limit = PageLimits.orDefault(query.limit(), DecidedQuery.PAGE_ITEMS);
        return record.newest(Act.DECIDED, query.cursor(), limit + 1).flatMap(acts -> {
            boolean more = acts.size() > limit;
            List<EditorialAct> shown = more ? acts.subList(0, limit) : acts;
            Mono<Long> waiting = queue.count(new QueueFilter(QueueFilter.Standing.WAITING, null, null));
            Mono<Long> held = queue.count(new QueueFilter(QueueFilter.Standing.HELD, null, null));
            return Mono.zip(decidedTips(shown), waiting, held)
                    .map(found -> Rendering.view("queue-decided")
                            .modelAttribute("waiting", found.getT2())
                            .modelAttribute("held", found.getT3())
                            .modelAttribute(
                                    "rows",
                                    shown.stream()
                                            .filter(act -> found.getT1().containsKey(act.tipId()))
                                            .map(act -> DecidedRow.of(act, found.getT1(), accounts, time))
                                            .toList())
                            .modelAttribute("firstPage", query.cursor() == null)
                            .modelAttribute(
                                    "next",
                                    more
                                            ? AuditPosition.of(shown.get(shown.size() - 1))
                                                    .cursor()
                                            : null)
                            .build());
        });
    }

    /** The page's tips and the originals its duplicates name, by id: two reads, each of one page at most. */
    private Mono<Map<String, ModeratedTip>> decidedTips(List<EditorialAct> acts) {
        return tips.findAll(acts.stream().map(EditorialAct::tipId).distinct().toList())
                .collectMap(ModeratedTip::tipId)
                .flatMap(decided -> tips.findAll(decided.values().stream()
                                .map(ModeratedTip::decision)
                                .filter(decision -> decision != null && decision.duplicateOf() != null)
                                .map(Decision::duplicateOf)
                                .filter(id -> !decided.containsKey(id))
                                .distinct()
                                .toList())
                        .collectList()
                        .map(originals -> Stream.concat(decided.values().stream(), originals.stream())
                                .collect(Collectors.toMap(ModeratedTip::tipId, Function.identity()))));
    }

    /**
     * Which page of the decided tips.
     *
     * @param limit  how many, when not {@value #PAGE_ITEMS}
     * @param cursor where the previous page ended; from the newest decision when not given
     */
    record DecidedQuery(
            @PageLimit(max = MOST_ITEMS) String limit,
            @Valid AuditPosition cursor) {

        static final int PAGE_ITEMS = 25;
        static final int MOST_ITEMS = 100;
    }

    /** One line of the waiting or held list as the page shows it. */
    record Row(
            String tipId,
            String headline,
            String opening,
            String area,
            String category,
            String age,
            OutletTime.Shown sent,
            int photoCount,
            String holderName,
            boolean mine,
            Hold hold) {

        static Row of(ModeratedTip tip, Instant now, String me, ModeratorAccounts accounts, OutletTime time) {
            Claim claim = tip.claimAt(now);
            Decision hold = tip.hold();
            return new Row(
                    tip.tipId(),
                    tip.submission().headline(),
                    Opening.of(tip.submission().body()),
                    tip.submission().area(),
                    tip.submission().category(),
                    Age.since(tip.submission().submittedAt(), now),
                    time.compact(tip.submission().submittedAt()),
                    tip.submission().photos().size(),
                    claim == null ? null : accounts.displayName(claim.holder()),
                    claim != null && claim.holder().equals(me),
                    hold == null
                            ? null
                            : new Hold(
                                    hold.note(),
                                    accounts.displayName(hold.decidedBy()),
                                    time.compact(hold.decidedAt())));
        }
    }

    /** Why a tip is on hold, who put it there and when. */
    record Hold(String note, String byName, OutletTime.Shown at) {}

    /**
     * One decision on the decided list.
     *
     * @param headline the story's headline as readers read it for a published tip, else the resident's
     * @param original for a duplicate, the tip it repeats (null when that tip is unknown)
     */
    record DecidedRow(
            String tipId,
            String headline,
            String outcome,
            String byName,
            OutletTime.Shown at,
            boolean storyWithdrawn,
            String storyUrl,
            String reason,
            Original original) {

        static DecidedRow of(
                EditorialAct act, Map<String, ModeratedTip> tips, ModeratorAccounts accounts, OutletTime time) {
            ModeratedTip tip = tips.get(act.tipId());
            Decision decision = tip.decision();
            ModeratedTip original =
                    decision == null || decision.duplicateOf() == null ? null : tips.get(decision.duplicateOf());
            return new DecidedRow(
                    tip.tipId(),
                    tip.published() ? tip.headlineNow() : tip.submission().headline(),
                    decision == null ? "Decided" : OutcomeWords.of(decision.outcome()),
                    act.actor() == null ? "Nobody known" : accounts.displayName(act.actor()),
                    time.compact(act.at()),
                    tip.published() && !tip.live(),
                    tip.live() && tip.story() != null ? tip.story().url() : null,
                    decision == null ? null : decision.reason(),
                    original == null
                            ? null
                            : new Original(
                                    original.tipId(), original.submission().headline()));
        }
    }

    record Original(String tipId, String headline) {}
}
