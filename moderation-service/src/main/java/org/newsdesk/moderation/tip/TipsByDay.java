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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which tips were sent on which day (UTC), one small document per day: what "the tips sent around
 * this one" is read from, by {@code _id}, however many tips the archive holds. A range on the tips
 * themselves would read every tip on a store that uses no secondary index (the embedded run's),
 * and cost a moderator more with every month of the archive.
 *
 * <p>A day proposes tips; the tip itself, read by id, decides whether it still counts. A tip
 * missing from its day (a crash between the tip's write and this one) is only missing from
 * "similar tips"; receiving its event again puts it back.
 */
@Component
class TipsByDay implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TipsByDay.class);

    /** Twice the widest window asked for: what a moderator can still be shown as similar. */
    private static final Duration CHECKED_AT_START = Duration.ofDays(15);

    private final ReactiveMongoOperations mongo;
    private final Clock clock = Clock.systemUTC();

    TipsByDay(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Notes the tips of the last two weeks on their days, in the background: tips stored before
     * the days existed, and any a crash left out. One read of the tips per start, a rare and
     * bounded sweep; one write per day.
     */
    @Override
    public void run(ApplicationArguments args) {
        Instant since = clock.instant().minus(CHECKED_AT_START);
        Query recent = query(where(ModeratedTips.SUBMITTED_AT).gte(since));
        recent.fields().include("_id", ModeratedTips.SUBMITTED_AT);
        mongo.find(recent, StoredTip.class, ModeratedTip.COLLECTION)
                .map(tip -> new Sent(tip.tipId(), tip.submission().submittedAt()))
                .groupBy(sent -> day(sent.at()))
                .flatMap(day -> day.collectList()
                        .flatMap(sent -> mongo.upsert(
                                query(where("_id").is(day.key())),
                                new Update().addToSet("tips").each(sent.toArray()),
                                Day.class)))
                .count()
                .subscribe(
                        days -> log.debug("Checked the tips of {} recent days", days),
                        failure -> log.warn(
                                "Could not check the recent tips' days: {}",
                                failure.getClass().getName()));
    }

    /** Notes the tip on the day it was sent; noting it again changes nothing. */
    Mono<Void> note(String tipId, Instant sentAt) {
        return mongo.upsert(
                        query(where("_id").is(day(sentAt))),
                        new Update().addToSet("tips", new Sent(tipId, sentAt)),
                        Day.class)
                .then();
    }

    /** The tips sent between {@code from} and {@code to}, the newest first. */
    Flux<Sent> sentBetween(Instant from, Instant to) {
        List<String> days = from.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .datesUntil(to.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1))
                .map(LocalDate::toString)
                .toList();
        return mongo.find(query(where("_id").in(days)), Day.class)
                .flatMapIterable(Day::tips)
                .filter(sent -> !sent.at().isBefore(from) && !sent.at().isAfter(to))
                .sort(Comparator.comparing(Sent::at).thenComparing(Sent::tipId).reversed());
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    @Document("tipsByDay")
    record Day(@Id String day, List<Sent> tips) {}

    record Sent(String tipId, Instant at) {}

    /** A stored tip read for its id and the time it was sent, nothing else. */
    record StoredTip(@Id String tipId, SentAt submission) {}

    record SentAt(Instant submittedAt) {}
}
