package org.newsdesk.moderation.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The live queue for the queue page, as server-sent events: one {@code queue} event per change,
 * its id the change's number. A browser that reconnects sends the last id it saw
 * ({@code Last-Event-ID}) and first gets everything after it, from whichever instance it reaches.
 *
 * <p>Every stream ends when the service starts to stop: an open stream is a request in flight,
 * which a graceful shutdown would otherwise wait out for its whole grace period. The browser
 * reconnects, to another instance, and misses nothing.
 */
@RestController
class QueueEvents implements ApplicationListener<ContextClosedEvent> {

    private static final int BATCH = 500;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final QueueChanges changes;
    private final Sinks.Empty<Void> stopping = Sinks.empty();

    QueueEvents(QueueChanges changes) {
        this.changes = changes;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent closed) {
        stopping.tryEmitEmpty();
    }

    @GetMapping(path = "/queue/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> events(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Long resumeAfter = parse(lastEventId);
        Mono<Long> start = resumeAfter != null ? Mono.just(resumeAfter) : changes.newest();
        return start.flatMapMany(from -> {
                    AtomicLong sent = new AtomicLong(from);
                    // The first event fixes the position even when nothing changes, so a reconnect can resume from it.
                    ServerSentEvent<Object> ready = ServerSentEvent.builder()
                            .event("ready")
                            .id(Long.toString(from))
                            .data(Map.of("seq", from))
                            .build();
                    // Wake-ups only say "there is something newer"; what is sent is always read by number,
                    // so nothing is skipped or sent twice whatever the timing. The heartbeat also reads,
                    // which mends a wake-up missed while connecting.
                    Flux<Long> wakeUps = Flux.merge(Flux.just(0L), changes.wakeUps(), Flux.interval(HEARTBEAT))
                            .onBackpressureLatest();
                    Flux<ServerSentEvent<Object>> updates = wakeUps.concatMap(
                                    wake -> changes.after(sent.get(), BATCH)
                                            .doOnNext(change -> sent.set(change.seq()))
                                            .map(change -> ServerSentEvent.builder()
                                                    .event("queue")
                                                    .id(Long.toString(change.seq()))
                                                    .data(Map.of("tipId", change.tipId(), "kind", change.kind()))
                                                    .build())
                                            .switchIfEmpty(Mono.just(ServerSentEvent.builder()
                                                    .comment("still here")
                                                    .build())),
                                    1)
                            .filter(event -> event.event() != null || event.comment() != null);
                    return Flux.concat(Mono.just(ready), updates);
                })
                .takeUntilOther(stopping.asMono());
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            return id < 0 ? null : id;
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }
}
