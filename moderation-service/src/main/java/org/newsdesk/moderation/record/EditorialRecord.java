package org.newsdesk.moderation.record;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The newsroom's record of editorial acts: append-only, so nothing here updates or deletes a line,
 * and no endpoint can ask it to.
 */
@Component
public class EditorialRecord {

    static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(EditorialAct.AT), Sort.Order.desc("_id"));

    private final ReactiveMongoOperations mongo;
    private final List<Consumer<EditorialAct>> listeners = new CopyOnWriteArrayList<>();

    EditorialRecord(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Adds the act to the record; an act recorded before under the same id is left as it was. */
    public Mono<Void> append(EditorialAct act) {
        return Mono.defer(() -> {
            EditorialAct recorded = act.recordedAt(Instant.now());
            return mongo.insert(recorded)
                    .then()
                    .onErrorResume(DuplicateKeyException.class, alreadyRecorded -> Mono.empty())
                    .then(Mono.fromRunnable(() -> listeners.forEach(listener -> listener.accept(recorded))));
        });
    }

    /** Tells {@code listener} of every line this instance records from now on (again, for a repeat). */
    void onAppended(Consumer<EditorialAct> listener) {
        listeners.add(listener);
    }

    /** Up to {@code limit} lines that match, newest first, after {@code after} when given: the indexes' order. */
    Flux<EditorialAct> newestFirst(AuditFilter filter, AuditPosition after, int limit) {
        Criteria criteria = filter.criteria();
        if (after != null) {
            criteria = criteria.orOperator(
                    where(EditorialAct.AT).lt(after.at()),
                    where(EditorialAct.AT).is(after.at()).and("_id").lt(after.id()));
        }
        return mongo.find(query(criteria).with(NEWEST_FIRST).limit(limit), EditorialAct.class);
    }

    /**
     * These lines, in no particular order. The query names nothing but {@code _id}, so that even
     * mongo-java-server, which only uses an index for exactly that, reads them through the index.
     */
    Flux<EditorialAct> findAll(Collection<String> ids) {
        return ids.isEmpty() ? Flux.empty() : mongo.find(query(where("_id").in(ids)), EditorialAct.class);
    }

    /**
     * The place in the order and what the filters look at, without the detail, of every line
     * recorded since {@code recordedSince} (of every line when it is null).
     */
    Flux<EditorialAct> places(Instant recordedSince) {
        Query lines = recordedSince == null
                ? new Query()
                : query(where(EditorialAct.RECORDED_AT).gte(recordedSince));
        lines.fields().include("_id", EditorialAct.AT, EditorialAct.ACTOR, EditorialAct.ACT);
        return mongo.find(lines, EditorialAct.class);
    }
}
