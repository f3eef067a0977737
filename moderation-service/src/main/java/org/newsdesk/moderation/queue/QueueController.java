package org.newsdesk.moderation.queue;

import java.util.List;

import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class QueueController {

    private final ModeratedTips tips;
    private final int maxItems;

    QueueController(ModeratedTips tips, ModerationProperties properties) {
        this.tips = tips;
        this.maxItems = properties.queue().maxItems();
    }

    /** The undecided tips, oldest first, so the tip that has waited longest is read first. */
    @GetMapping(path = "/api/queue", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Queue> queue() {
        return tips.pending(maxItems).map(QueueItem::of).collectList().map(Queue::new);
    }

    record Queue(List<QueueItem> items) {
    }
}
