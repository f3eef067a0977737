package org.newsdesk.moderation.queue;

import java.util.List;
import org.newsdesk.moderation.PageSession;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** The live queue as a moderator's browser follows it: its server-sent events, collected. */
final class LiveQueueFeed {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT =
            new ParameterizedTypeReference<>() {};

    private LiveQueueFeed() {}

    /** Follows the feed, resuming after {@code lastEventId} when given, until disposed. */
    static Disposable follow(
            WebTestClient instance, PageSession session, String lastEventId, List<ServerSentEvent<String>> into) {
        return events(instance, session, lastEventId).subscribe(into::add);
    }

    /** The feed's named events (not its keep-alive comments), as the browser gets them, until the stream ends. */
    static Flux<ServerSentEvent<String>> events(WebTestClient instance, PageSession session, String lastEventId) {
        return instance.get()
                .uri("/queue/events")
                .cookie(PageSession.COOKIE, session.cookie())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EVENT)
                .getResponseBody()
                .filter(event -> event.event() != null);
    }

    /** The kinds of change the feed told of the tip, in order. */
    static List<String> kinds(List<ServerSentEvent<String>> events, String tipId) {
        return events.stream()
                .filter(event -> "queue".equals(event.event())
                        && event.data() != null
                        && event.data().contains(tipId))
                .map(event -> event.data().replaceAll(".*\"kind\":\"([a-z]+)\".*", "$1"))
                .toList();
    }
}
