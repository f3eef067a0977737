package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which tips were sent on which day (UTC), one small document per tip, indexed by its day: what
 * "the tips sent around this one" is read from, however many tips the archive holds. A range on
 * the tips themselves would read every tip on a store that uses no secondary index but on a
 * leading field's equality (the embedded run's), and cost a moderator more with every month of the
 * archive. (One document per day holding the day's tips cost every tip more than the last: each
 * note rewrote the whole day, 800 KB after 10,000 tips.)
 *
 * <p>A day proposes tips; the tip itself, read by id, decides whether it still counts. A tip's day
 * is written before the tip, so a crash between the two leaves a day naming a tip not stored
 * (dropped when read), never a stored tip missing from its day.
 */
@Component
class TipsByDay implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TipsByDay.class);

    static final String COLLECTION = "tipDays";
    static final String DAY = "day";

    /** Where a document per day was kept before: read by no one since, dropped at start. */
    private static final String FORMER_COLLECTION = "tipsByDay";

    /** Twice the widest window asked for: what a moderator can still be shown as similar. */
    private static final Duration CHECKED_AT_START = Duration.ofDays(15);

    /** Tips noted per command when the recent ones are noted at start. */
    private static final int NOTED_PER_COMMAND = 500;

    private final ReactiveMongoOperations mongo;
    private final Clock clock = Clock.systemUTC();

    TipsByDay(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * On the first start with days (no day stored yet), notes the tips of the last two weeks on
     * their days, in the background: tips stored before the days existed. Every later start finds
     * days and reads nothing more, so the start's cost does not grow with the archive; tips stored
     * since always have their day (it is written first).
     */
    @Override
    public void run(ApplicationArguments args) {
        mongo.dropCollection(FORMER_COLLECTION)
                .then(mongo.estimatedCount(Noted.class))
                .filter(noted -> noted == 0)
                .flatMap(none -> noteRecentTips())
                .subscribe(
                        noted -> log.info(
                                "Noted {} tips of the last {} days on their days", noted, CHECKED_AT_START.toDays()),
                        failure -> log.warn(
                                "Could not note the recent tips on their days: {}",
                                failure.getClass().getName()));
    }

    /** One read of the tips sent in the last two weeks, a write for each page of them; how many were noted. */
    private Mono<Long> noteRecentTips() {
        Instant since = clock.instant().minus(CHECKED_AT_START);
        Query recent = query(where(ModeratedTips.SUBMITTED_AT).gte(since));
        recent.fields().include("_id", ModeratedTips.SUBMITTED_AT);
        return mongo.find(recent, StoredTip.class, ModeratedTip.COLLECTION)
                .buffer(NOTED_PER_COMMAND)
                .concatMap(tips -> note(tips.stream()
                                .collect(Collectors.toMap(
                                        StoredTip::tipId,
                                        tip -> tip.submission().submittedAt())))
                        .thenReturn(tips.size()))
                .reduce(0L, Long::sum);
    }

    /**
     * Notes each tip on the day it was sent, in one command however many they are; noting a tip
     * again changes nothing.
     */
    Mono<Void> note(Map<String, Instant> sentAtByTip) {
        if (sentAtByTip.isEmpty()) {
            return Mono.empty();
        }
        ReactiveBulkOperations notes = mongo.bulkOps(BulkMode.UNORDERED, Noted.class);
        sentAtByTip.forEach((tipId, sentAt) -> notes.upsert(
                query(where("_id").is(tipId)),
                new Update().setOnInsert(DAY, day(sentAt)).setOnInsert("at", sentAt)));
        return notes.execute().then();
    }

    /** The tips sent between {@code from} and {@code to}, the newest first. */
    Flux<Sent> sentBetween(Instant from, Instant to) {
        List<String> days = from.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .datesUntil(to.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1))
                .map(LocalDate::toString)
                .toList();
        return mongo.find(query(where(DAY).in(days)), Noted.class)
                .map(noted -> new Sent(noted.tipId(), noted.at()))
                .filter(sent -> !sent.at().isBefore(from) && !sent.at().isAfter(to))
                .sort(Comparator.comparing(Sent::at).thenComparing(Sent::tipId).reversed());
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** A tip and the day it was sent on. */
    @Document(COLLECTION)
    record Noted(@Id String tipId, String day, Instant at) {}

    record Sent(String tipId, Instant at) {}

    /** A stored tip read for its id and the time it was sent, nothing else. */
    record StoredTip(@Id String tipId, SentAt submission) {}

    record SentAt(Instant submittedAt) {}
}
