package org.newsdesk.moderation.record;

import java.util.List;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.web.paging.PageLimits;
import org.newsdesk.web.time.OutletTime;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the record for editors: a page at a time for the page and the API, the whole of it for the export. */
@Component
public class AuditReader {

    /**
     * Lines read from the store at once while exporting: bounds the memory an export holds, whatever
     * its length. Not larger: mongo-java-server matches each line of a read by id against every id
     * asked for, so a chunk costs the square of its size (1,000 made a 100,000-line export take 23 s).
     */
    static final int EXPORT_CHUNK = 250;

    private final AuditOrder order;
    private final OutletTime time;
    private final ModeratorAccounts accounts;

    AuditReader(AuditOrder order, OutletTime time, ModeratorAccounts accounts) {
        this.order = order;
        this.time = time;
        this.accounts = accounts;
    }

    /** @param next the cursor of the following page, {@code null} on the last one */
    record Page(List<EditorialAct> items, String next) {}

    Mono<Page> page(AuditQuery query) {
        int limit = PageLimits.orDefault(query.limit(), AuditQuery.PAGE_ITEMS);
        // One more than asked tells whether a next page exists without a second query.
        return order.page(query.filter(time.zone()), query.cursor(), limit + 1)
                .map(lines -> lines.size() > limit
                        ? new Page(
                                lines.subList(0, limit),
                                AuditPosition.of(lines.get(limit - 1)).cursor())
                        : new Page(lines, null));
    }

    /**
     * Up to {@code limit} acts of one kind, newest first, after {@code after} (from the newest when
     * null): how another feature lists what was done (the queue's decided tips) through the
     * record's order, which reads only the lines it returns.
     */
    public Mono<List<EditorialAct>> newest(Act act, AuditPosition after, int limit) {
        return order.page(new AuditFilter(null, act, null, null), after, limit);
    }

    /**
     * The whole filtered record as CSV, newest first, streamed a chunk at a time: the first chunk is
     * on its way before the last is read.
     */
    Flux<String> csv(AuditQuery query) {
        AuditFilter filter = query.filter(time.zone());
        AuditCsv csv = new AuditCsv(time.zone(), accounts::displayName);
        Flux<String> chunks = order.page(filter, null, EXPORT_CHUNK)
                .expand(chunk -> chunk.size() < EXPORT_CHUNK
                        ? Mono.empty()
                        : order.page(filter, AuditPosition.of(chunk.get(chunk.size() - 1)), EXPORT_CHUNK))
                .filter(chunk -> !chunk.isEmpty())
                .map(chunk -> {
                    StringBuilder lines = new StringBuilder(chunk.size() * 160);
                    chunk.forEach(act -> lines.append(csv.line(act)));
                    return lines.toString();
                });
        return Flux.concat(Mono.just(csv.header()), chunks);
    }

    String displayName(String account) {
        return account == null ? "Nobody known" : accounts.displayName(account);
    }

    OutletTime time() {
        return time;
    }
}
