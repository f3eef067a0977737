package org.newsdesk.publishing.feed;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Etags;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.page.ReaderPagesProperties;
import org.newsdesk.publishing.story.CorrectionNotice;
import org.newsdesk.publishing.story.CorrectionNotices;
import org.springframework.http.HttpHeaders;
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
    static final int ENTRIES = AtomFeedController.ENTRIES;

    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

    private final CorrectionNotices notices;
    private final PublishingProperties publishing;
    private final String siteName;
    private final ZoneId zone;

    CorrectionsFeedController(CorrectionNotices notices, PublishingProperties publishing, ReaderPagesProperties site) {
        this.notices = notices;
        this.publishing = publishing;
        this.siteName = site.siteName();
        this.zone = site.timeZone();
    }

    @GetMapping(path = "/corrections.atom", produces = "application/atom+xml")
    @Operation(operationId = "correctionsFeed", summary = "The newest corrections and withdrawals as an Atom feed")
    @ApiResponse(
            responseCode = "200",
            description = "The " + ENTRIES + " newest corrections and withdrawals",
            content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    Mono<ResponseEntity<String>> corrections() {
        return notices.page(null, ENTRIES).map(page -> {
            // An empty column is as old as it gets, so that it stays cacheable.
            Instant updated =
                    page.items().isEmpty() ? Instant.EPOCH : page.items().get(0).at();
            String atom = write(feed(page.items(), updated));
            return ResponseEntity.ok()
                    .contentType(AtomFeedController.ATOM)
                    .eTag(Etags.of(atom))
                    .lastModified(updated)
                    .header(HttpHeaders.CACHE_CONTROL, Lifetime.FEED.cacheControl())
                    .body(atom);
        });
    }

    private Feed feed(List<CorrectionNotice> items, Instant updated) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(publishing.url("/corrections.atom"));
        feed.setTitle(AtomFeedController.xml("Corrections from " + siteName));
        feed.setUpdated(Date.from(updated));
        feed.setAlternateLinks(List.of(link("alternate", publishing.url("/corrections"), "text/html")));
        feed.setOtherLinks(List.of(link("self", publishing.url("/corrections.atom"), "application/atom+xml")));
        Person outlet = new Person();
        outlet.setName(AtomFeedController.xml(siteName));
        outlet.setUri(publishing.url("/"));
        feed.setAuthors(List.of(outlet));
        feed.setLanguage("en-GB");
        feed.setEntries(items.stream().map(this::entry).toList());
        return feed;
    }

    private Entry entry(CorrectionNotice notice) {
        Entry entry = new Entry();
        entry.setId("tag:" + publishing.publicBaseUrl().getHost() + ","
                + notice.at().atZone(ZoneOffset.UTC).toLocalDate() + ":corrections/" + notice.id());
        entry.setTitle(AtomFeedController.xml(
                notice.withdrawn()
                        ? "Withdrawn: a story published on "
                                + HUMAN.format(notice.published().atZone(zone))
                        : "Corrected: " + notice.headline()));
        entry.setAlternateLinks(List.of(link("alternate", publishing.storyUrl(notice.slug()), "text/html")));
        entry.setPublished(Date.from(notice.at()));
        entry.setUpdated(Date.from(notice.at()));
        var content = new com.rometools.rome.feed.atom.Content();
        content.setType(com.rometools.rome.feed.atom.Content.TEXT);
        content.setValue(AtomFeedController.xml(notice.text()));
        entry.setContents(List.of(content));
        return entry;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static String write(Feed feed) {
        try {
            return new WireFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            // Everything in the feed is ours or stripped of what XML forbids: this is a bug.
            throw new IllegalStateException("Could not write the Atom feed " + feed.getId(), e);
        }
    }
}
