package org.newsdesk.publishing.feed;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Etags;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.page.ReaderPagesProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every Atom feed of the outlet shares, the stories' and the corrections': the feed's head
 * (its id, title, links, the outlet as author), text stripped of what XML forbids, and the answer
 * with its validators and lifetime. Each feed brings only its entries.
 */
@Component
class AtomFeeds {

    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    /** What feed readers show at a time; older stories are on the pages. */
    static final int ENTRIES = 50;

    /** Characters XML 1.0 does not allow at all: a resident's text may hold them, a feed may not. */
    private static final Pattern NOT_XML =
            Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private final PublishingProperties publishing;
    private final String siteName;

    AtomFeeds(PublishingProperties publishing, ReaderPagesProperties site) {
        this.publishing = publishing;
        this.siteName = site.siteName();
    }

    String siteName() {
        return siteName;
    }

    /**
     * The feed at {@code feedPath}, for the page at {@code pagePath}, answered with its ETag, its
     * last change ({@link Instant#EPOCH} for an empty feed, so that it stays cacheable) and a
     * feed's lifetime.
     */
    ResponseEntity<String> answer(
            String title, String pagePath, String feedPath, Instant updated, List<Entry> entries) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(publishing.url(feedPath));
        feed.setTitle(xml(title));
        feed.setUpdated(Date.from(updated));
        feed.setAlternateLinks(List.of(link("alternate", publishing.url(pagePath), "text/html")));
        feed.setOtherLinks(List.of(link("self", publishing.url(feedPath), "application/atom+xml")));
        feed.setAuthors(List.of(outlet()));
        feed.setLanguage("en-GB");
        feed.setEntries(entries);
        String atom = write(feed);
        return ResponseEntity.ok()
                .contentType(ATOM)
                .eTag(Etags.of(atom))
                .lastModified(updated)
                .header(HttpHeaders.CACHE_CONTROL, Lifetime.FEED.cacheControl())
                .body(atom);
    }

    Person outlet() {
        Person outlet = new Person();
        outlet.setName(xml(siteName));
        outlet.setUri(publishing.url("/"));
        return outlet;
    }

    /** {@code tag:host,date:kind/id} (RFC 4151): tied to an id and a day, neither of which ever changes. */
    String tag(Instant day, String kind, String id) {
        return "tag:" + publishing.publicBaseUrl().getHost() + ","
                + day.atZone(ZoneOffset.UTC).toLocalDate() + ":" + kind + "/" + id;
    }

    static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(xml(value));
        return content;
    }

    static String xml(String text) {
        return text == null ? "" : NOT_XML.matcher(text).replaceAll("");
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
