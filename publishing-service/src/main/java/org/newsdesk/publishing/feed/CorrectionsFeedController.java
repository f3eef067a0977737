package org.newsdesk.publishing.feed;

import static org.newsdesk.publishing.feed.AtomFeeds.link;
import static org.newsdesk.publishing.feed.AtomFeeds.text;
import static org.newsdesk.publishing.feed.AtomFeeds.xml;

import com.rometools.rome.feed.atom.Entry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.story.CorrectionNotice;
import org.newsdesk.publishing.story.CorrectionNotices;
import org.newsdesk.web.time.OutletTime;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The corrections column as an Atom feed ({@code /corrections.atom}): the newest corrections and
 * withdrawals, one entry each, with an id that never changes (a {@code tag:} URI of the event's
 * id) and a link to the story, or to its {@code 410} page. A withdrawn story's entry names it by
 * its date only, as the column does.
 */
@RestController
@Tag(name = "Feeds", description = "Atom feeds (RFC 4287) for feed readers")
class CorrectionsFeedController {

    /** As many as the stories' feeds hold. */
    static final int ENTRIES = AtomFeeds.ENTRIES;

    private final CorrectionNotices notices;
    private final AtomFeeds feeds;
    private final PublishingProperties publishing;
    private final OutletTime time;

    CorrectionsFeedController(
            CorrectionNotices notices, AtomFeeds feeds, PublishingProperties publishing, OutletTime time) {
        this.notices = notices;
        this.feeds = feeds;
        this.publishing = publishing;
        this.time = time;
    }

    @GetMapping(path = "/corrections.atom", produces = "application/atom+xml")
    @Operation(operationId = "correctionsFeed", summary = "The newest corrections and withdrawals as an Atom feed")
    @ApiResponse(
            responseCode = "200",
            description = "The " + ENTRIES + " newest corrections and withdrawals",
            content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    Mono<ResponseEntity<String>> corrections() {
        return notices.page(null, ENTRIES)
                .map(page -> feeds.answer(
                        "Corrections from " + feeds.siteName(),
                        "/corrections",
                        "/corrections.atom",
                        // An empty column is as old as it gets, so that it stays cacheable.
                        page.items().isEmpty()
                                ? Instant.EPOCH
                                : page.items().get(0).at(),
                        page.items().stream().map(this::entry).toList()));
    }

    private Entry entry(CorrectionNotice notice) {
        Entry entry = new Entry();
        entry.setId(feeds.tag(notice.at(), "corrections", notice.id()));
        entry.setTitle(xml(
                notice.withdrawn()
                        ? "Withdrawn: a story published on "
                                + time.longDay(notice.published()).text()
                        : "Corrected: " + notice.headline()));
        entry.setAlternateLinks(List.of(link("alternate", publishing.storyUrl(notice.slug()), "text/html")));
        entry.setPublished(Date.from(notice.at()));
        entry.setUpdated(Date.from(notice.at()));
        entry.setContents(List.of(text(notice.text())));
        return entry;
    }
}
