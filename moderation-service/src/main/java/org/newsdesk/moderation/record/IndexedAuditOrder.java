package org.newsdesk.moderation.record;

import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The record's order as MongoDB keeps it: a page straight from the record's indexes. */
@Component
class IndexedAuditOrder implements AuditOrder {

    private final EditorialRecord record;

    IndexedAuditOrder(EditorialRecord record) {
        this.record = record;
    }

    @Override
    public Mono<List<EditorialAct>> page(AuditFilter filter, AuditPosition after, int limit) {
        return record.newestFirst(filter, after, limit).collectList();
    }
}
