package org.newsdesk.moderation.record;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The record's order: its lines newest first, filtered, a page at a time. Real MongoDB answers from
 * the record's indexes ({@link IndexedAuditOrder}); a server that uses no secondary index, as the
 * embedded run's mongo-java-server, would read and sort the whole record for every page, so there
 * the order is kept in memory and only the page's lines are read, by id ({@link InMemoryAuditOrder}).
 */
interface AuditOrder {

    /** Up to {@code limit} lines that match the filter, newest first, after {@code after} (from the newest when null). */
    Mono<List<EditorialAct>> page(AuditFilter filter, AuditPosition after, int limit);
}
