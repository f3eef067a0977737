package org.newsdesk.moderation.queue;

import java.util.ArrayList;
import java.util.List;

import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.QueueEntry;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.moderation.web.FieldProblem;
import org.newsdesk.moderation.web.InvalidRequestException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Pages of the queue, for the API and the queue page alike: the same limits, cursor and filters. */
@Component
public class ModerationQueue {

    private static final int MAX_FILTER = 200;

    private final ModeratedTips tips;
    private final ModerationProperties.Queue settings;
    private final ObjectProvider<QueueView> view;

    ModerationQueue(ModeratedTips tips, ModerationProperties properties, ObjectProvider<QueueView> view) {
        this.tips = tips;
        this.settings = properties.queue();
        this.view = view;
    }

    /** @throws InvalidRequestException naming every parameter that is not usable */
    public Request request(String limit, String cursor, String area, String category) {
        List<FieldProblem> problems = new ArrayList<>();
        int size = settings.pageItems();
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
                if (size < 1 || size > settings.maxItems()) {
                    problems.add(new FieldProblem("limit", "must be between 1 and " + settings.maxItems()));
                }
            }
            catch (NumberFormatException notANumber) {
                problems.add(new FieldProblem("limit", "must be a whole number"));
            }
        }
        QueuePosition after = null;
        if (cursor != null && !cursor.isEmpty()) {
            after = QueuePosition.fromToken(cursor).orElse(null);
            if (after == null) {
                problems.add(new FieldProblem("cursor", "is not a cursor this queue handed out"));
            }
        }
        for (String[] filter : new String[][] { { "area", area }, { "category", category } }) {
            if (filter[1] != null && filter[1].length() > MAX_FILTER) {
                problems.add(new FieldProblem(filter[0], "must be at most " + MAX_FILTER + " characters long"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Request(new QueueFilter(area, category), after, size);
    }

    /**
     * One page: from the in-memory {@link QueueView} once it has read the queue, else from
     * MongoDB's own query. Either way one more tip than the page shows is looked for: whether it
     * exists decides whether there is a next page.
     */
    public Mono<Page> page(Request request) {
        QueueView memory = view.getIfAvailable();
        if (memory == null || !memory.loaded()) {
            return fromDatabase(request);
        }
        return collect(memory, request.filter(), request.after(), request.limit() + 1, new ArrayList<>())
                .map(found -> page(request, found, memory.waiting(request.filter())));
    }

    private Mono<Page> fromDatabase(Request request) {
        Mono<List<ModeratedTip>> tipsOnPage = tips.pending(request.filter(), request.after(), request.limit() + 1)
                .collectList();
        return Mono.zip(tipsOnPage, tips.waiting(request.filter())).map(both -> page(request, both.getT1(), both.getT2()));
    }

    private static Page page(Request request, List<ModeratedTip> found, long waiting) {
        boolean more = found.size() > request.limit();
        List<ModeratedTip> shown = more ? found.subList(0, request.limit()) : found;
        String next = more ? QueuePosition.after(shown.get(shown.size() - 1)).token() : null;
        return new Page(List.copyOf(shown), next, waiting);
    }

    /**
     * Reads the view's candidates by id and keeps those still waiting, asking for more candidates
     * until the page is full or the view has none left; candidates that were decided meanwhile
     * leave the view on the way.
     */
    private Mono<List<ModeratedTip>> collect(QueueView memory, QueueFilter filter, QueuePosition after, int wanted,
            List<ModeratedTip> found) {
        int needed = wanted - found.size();
        List<QueueEntry> candidates = memory.candidates(filter, after, needed);
        if (candidates.isEmpty()) {
            return Mono.just(found);
        }
        return tips.findAll(candidates.stream().map(QueueEntry::tipId).toList())
                .collectMap(ModeratedTip::tipId)
                .flatMap(byId -> {
                    for (QueueEntry candidate : candidates) {
                        ModeratedTip tip = byId.get(candidate.tipId());
                        if (tip != null && QueueView.stillWaiting(tip, filter)) {
                            found.add(tip);
                        }
                        else if (tip == null || tip.state() != TipState.PENDING) {
                            memory.remove(candidate.tipId());
                        }
                    }
                    if (found.size() >= wanted || candidates.size() < needed) {
                        return Mono.just(found);
                    }
                    return collect(memory, filter, candidates.get(candidates.size() - 1).position(), wanted, found);
                });
    }

    public record Request(QueueFilter filter, QueuePosition after, int limit) {
    }

    public record Page(List<ModeratedTip> tips, String next, long waiting) {
    }
}
