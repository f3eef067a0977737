package org.newsdesk.moderation.tip;

import org.newsdesk.messaging.store.StoreIndexes;
import org.newsdesk.moderation.record.EditorialAct;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;

/** The moderation service's indexes (the outbox declares its own), made at start. */
@Configuration(proxyBeanMethods = false)
class TipIndexes {

    /**
     * One per filter of the queue, each ending in the queue's order, so a page is read from the
     * index in order and stops after its limit; the count of what waits is answered from the same index.
     * The first also serves the tip page's similar tips ({@code ModeratedTips.waitingOrLiveSentBetween}):
     * each branch of its query is one state and a range of submission times.
     * Area and category match whatever their case, by an anchored regular expression that walks the
     * index's keys of pending tips rather than the tips themselves.
     */
    @Bean
    StoreIndexes moderationIndexes() {
        return StoreIndexes.declare()
                .on(
                        ModeratedTip.COLLECTION,
                        inQueueOrder(new Index().on(ModeratedTips.STATE, Sort.Direction.ASC))
                                .named("queue-by-age"),
                        inQueueOrder(new Index()
                                        .on(ModeratedTips.STATE, Sort.Direction.ASC)
                                        .on(ModeratedTips.AREA, Sort.Direction.ASC))
                                .named("queue-by-area"),
                        inQueueOrder(new Index()
                                        .on(ModeratedTips.STATE, Sort.Direction.ASC)
                                        .on(ModeratedTips.CATEGORY, Sort.Direction.ASC))
                                .named("queue-by-category"),
                        // The waiting list and the "On hold" list: a hold is a pending tip's decision.
                        inQueueOrder(new Index()
                                        .on(ModeratedTips.STATE, Sort.Direction.ASC)
                                        .on(ModeratedTips.DECISION_OUTCOME, Sort.Direction.ASC))
                                .named("queue-by-standing"),
                        // The record's sweep at start looks for the few tips with acts not yet
                        // recorded: sparse, so the index holds only those.
                        new Index()
                                .on(EditorialRecordRelay.PENDING_ACT_IDS, Sort.Direction.ASC)
                                .sparse()
                                .named("record-acts-waiting"))
                // The tips sent on the days around a tip, for its similar tips.
                .on(
                        TipsByDay.COLLECTION,
                        new Index().on(TipsByDay.DAY, Sort.Direction.ASC).named("tips-by-day"))
                // The editorial record, newest first, as a whole and for each of its filters; the
                // date range is a range on the same leading time field.
                .on(
                        EditorialAct.COLLECTION,
                        newestFirst(new Index()).named("record-newest-first"),
                        newestFirst(new Index().on(EditorialAct.ACTOR, Sort.Direction.ASC))
                                .named("record-by-actor"),
                        newestFirst(new Index().on(EditorialAct.ACT, Sort.Direction.ASC))
                                .named("record-by-act"),
                        // Each instance's in-memory order reads what others recorded since it last looked.
                        new Index()
                                .on(EditorialAct.RECORDED_AT, Sort.Direction.ASC)
                                .named("record-by-recording"));
    }

    private static Index newestFirst(Index index) {
        return index.on(EditorialAct.AT, Sort.Direction.DESC).on("_id", Sort.Direction.DESC);
    }

    private static Index inQueueOrder(Index index) {
        return index.on(ModeratedTips.SUBMITTED_AT, Sort.Direction.ASC).on("_id", Sort.Direction.ASC);
    }
}
