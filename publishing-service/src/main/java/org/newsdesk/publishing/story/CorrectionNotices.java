package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The public corrections column: an append-only projection of every correction and retraction,
 * one document per event. Corrections are rare and stories many, so the column never looks at the
 * stories: it is read newest first by its own index ({@value #NEWEST_FIRST_INDEX}).
 */
@Component
public class CorrectionNotices {

    public static final String COLLECTION = "corrections";

    /** The index the column is read by, declared in the service's store indexes. */
    public static final String NEWEST_FIRST_INDEX = "corrections_newest_first";

    private final ReactiveMongoOperations mongo;

    CorrectionNotices(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /** One page of the column, newest first, and the cursor of the next page when there is one. */
    public record NoticePage(
            List<CorrectionNotice> items, @Nullable String next) {}

    /** Writes the notice unless it is written already: a notice never changes once in the column. */
    Mono<Void> record(CorrectionNotice notice) {
        Update update = new Update()
                .setOnInsert("kind", notice.kind())
                .setOnInsert("tipId", notice.tipId())
                .setOnInsert("slug", notice.slug())
                .setOnInsert("headline", notice.headline())
                .setOnInsert("published", notice.published())
                .setOnInsert("at", notice.at())
                .setOnInsert("text", notice.text());
        return mongo.upsert(query(where("_id").is(notice.id())), update, CorrectionNotice.class)
                .then();
    }

    /**
     * When the newest withdrawal was noted; empty when none ever was. Lists date themselves by it
     * (a withdrawn story leaves them). Read by the column's own index.
     */
    public Mono<Instant> lastWithdrawal() {
        return mongo.findOne(
                        new Query(where("kind").is(CorrectionNotice.Kind.WITHDRAWN))
                                .with(Sort.by(Sort.Order.desc("at")))
                                .limit(1),
                        CorrectionNotice.class)
                .map(CorrectionNotice::at);
    }

    /** Up to {@code size} notices, newest first, after {@code after} (from the newest when null). */
    public Mono<NoticePage> page(@Nullable NoticePosition after, int size) {
        Query query = new Query();
        if (after != null) {
            query.addCriteria(new Criteria()
                    .orOperator(
                            where("at").lt(after.at()),
                            where("at").is(after.at()).and("_id").lt(after.id())));
        }
        query.with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"))).limit(size + 1);
        return mongo.find(query, CorrectionNotice.class).collectList().map(found -> {
            List<CorrectionNotice> items = found.subList(0, Math.min(size, found.size()));
            String next = found.size() > size ? items.get(size - 1).position().cursor() : null;
            return new NoticePage(items, next);
        });
    }
}
