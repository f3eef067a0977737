package org.newsdesk.publishing.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.SeedStory;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The feeds, read by the JDK's own XML parser (not ROME, which wrote them) and checked against
 * what RFC 4287 requires of a feed and of every entry.
 */
@PublishingIntegrationTest
class AtomFeedTests {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String BASE = "https://news.example.org";

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @Test
    void theLatestStoriesFeedIsValidAtomWithCompleteEntries() throws Exception {
        // Given a real story, and one whose text holds characters XML does not allow
        SeedStory seed = SeedStory.load(SeedStory.VICTIM_SUPPORT);
        Story story = store(seed.headline(), seed.body(), "Erewash", "Crime and policing", Instant.now());
        Story odd = store(
                "Bell \u0007 rings <loudly> & \"often\"",
                "Line\u0000one\u001b. Café.",
                "Ilkeston",
                null,
                Instant.now().minusSeconds(1));

        // When a feed reader fetches the latest stories
        Document feed = fetch("/feed.atom");

        // Then it is an Atom feed with what RFC 4287 requires, and every entry is complete
        Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertRequired(root);
        assertThat(link(root, "self")).isEqualTo(BASE + "/feed.atom");
        assertThat(link(root, "alternate")).isEqualTo(BASE + "/");
        List<Element> entries = children(root, "entry");
        assertThat(entries).isNotEmpty().hasSizeLessThanOrEqualTo(AtomFeedController.ENTRIES);
        for (Element entry : entries) {
            assertRequired(entry);
            assertThat(text(entry, "summary")).isNotBlank();
            assertThat(children(entry, "author"))
                    .singleElement()
                    .satisfies(author -> assertThat(text(author, "name")).isEqualTo("Erewash Sound"));
        }
        Element mine = entry(feed, story);
        assertThat(text(mine, "title")).isEqualTo(seed.headline());
        assertThat(link(mine, "alternate")).isEqualTo(BASE + "/stories/" + story.slug());
        assertThat(text(mine, "id"))
                .isEqualTo("tag:news.example.org,"
                        + story.publishedAt().toString().substring(0, 10) + ":stories/" + story.id());
        assertThat(text(mine, "content")).isEqualTo(seed.body());
        assertThat(children(mine, "category"))
                .extracting(category -> category.getAttribute("term"))
                .containsExactly("erewash", "crime-and-policing");
        // And text with markup and forbidden characters arrives as plain text, minus what XML forbids
        Element strange = entry(feed, odd);
        assertThat(text(strange, "title")).isEqualTo("Bell  rings <loudly> & \"often\"");
        assertThat(text(strange, "content")).isEqualTo("Lineone. Café.");
    }

    @Test
    void anEntryKeepsItsIdWhenTheStoryIsCorrectedAndSaysWhenItChanged() throws Exception {
        // Given a story in its area's feed (an area of its own, so that no other story crowds it out)
        String tipId = Decisions.newTipId();
        String area = "Risley " + UUID.randomUUID().toString().substring(0, 8);
        String feed = "/areas/" + area.toLowerCase().replace(' ', '-') + "/feed.atom";
        Instant published = Instant.parse("2024-01-01T09:00:00Z");
        Story story = stories.store(new StoryDraft(
                        tipId, "Bin day moves", "To Tuesday.", area, "Services", published, Decisions.DECIDED_REVISION))
                .block();
        String id = text(entry(fetch(feed), story), "id");

        // When it is corrected
        stories.store(new StoryDraft(
                        tipId,
                        "Bin day moves to Wednesday",
                        "To Wednesday, not Tuesday.",
                        area,
                        "Services",
                        published.plusSeconds(3600),
                        Decisions.DECIDED_REVISION + 1))
                .block();

        // Then the feed has it once, under the same id, newly titled, updated later than published
        Document corrections = fetch(feed);
        assertThat(ids(corrections)).containsExactly(id);
        Element corrected = entry(corrections, story);
        assertThat(text(corrected, "id")).isEqualTo(id);
        assertThat(text(corrected, "title")).isEqualTo("Bin day moves to Wednesday");
        assertThat(OffsetDateTime.parse(text(corrected, "updated")).toInstant()).isEqualTo(published.plusSeconds(3600));
        assertThat(OffsetDateTime.parse(text(corrected, "published")).toInstant())
                .isEqualTo(published);
    }

    @Test
    void areaAndCategoryFeedsHoldTheirStoriesOnly() throws Exception {
        // Given stories in two areas
        String area = "Draycott " + UUID.randomUUID().toString().substring(0, 8);
        String key = area.toLowerCase().replace(' ', '-');
        Story inArea = store("Draycott story", "Text.", area, "Heritage", Instant.now());
        Story elsewhere = store("Elsewhere story", "Text.", "Erewash", "Heritage", Instant.now());

        // When a reader subscribes to the area, and to the category
        Document areaFeed = fetch("/areas/" + key + "/feed.atom");
        Document categoryFeed = fetch("/categories/heritage/feed.atom");

        // Then the area's feed has only its story, and the category's both
        assertRequired(areaFeed.getDocumentElement());
        assertThat(text(areaFeed.getDocumentElement(), "title")).isEqualTo(area + " · Erewash Sound");
        assertThat(link(areaFeed.getDocumentElement(), "self")).isEqualTo(BASE + "/areas/" + key + "/feed.atom");
        assertThat(ids(areaFeed)).containsExactly(tagOf(inArea));
        assertThat(ids(categoryFeed)).contains(tagOf(inArea), tagOf(elsewhere));
        // And a feed of an area nobody published in is not found, as its page is
        web.get()
                .uri("/areas/nowhere-{x}/feed.atom", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private Document fetch(String path) throws Exception {
        byte[] body = web.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("application/atom+xml"))
                .expectBody()
                .returnResult()
                .getResponseBody();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    /** RFC 4287 4.1.1 and 4.1.2: exactly one id (an absolute IRI), title and updated (an RFC 3339 date). */
    private static void assertRequired(Element element) {
        for (String required : List.of("id", "title", "updated")) {
            assertThat(children(element, required))
                    .as("%s of %s", required, element.getLocalName())
                    .hasSize(1);
        }
        assertThat(URI.create(text(element, "id")).isAbsolute()).isTrue();
        assertThat(text(element, "title")).isNotBlank();
        assertThat(OffsetDateTime.parse(text(element, "updated"))).isNotNull();
        if ("feed".equals(element.getLocalName())) {
            assertThat(children(element, "author")).isNotEmpty();
        } else {
            assertThat(link(element, "alternate")).startsWith(BASE + "/stories/");
        }
    }

    private String tagOf(Story story) {
        return "tag:news.example.org," + story.publishedAt().toString().substring(0, 10) + ":stories/" + story.id();
    }

    private static List<String> ids(Document feed) {
        return children(feed.getDocumentElement(), "entry").stream()
                .map(entry -> text(entry, "id"))
                .toList();
    }

    private static Element entry(Document feed, Story story) {
        return children(feed.getDocumentElement(), "entry").stream()
                .filter(entry -> text(entry, "id").endsWith(":stories/" + story.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No entry for " + story.id()));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element
                    && ATOM.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    private static String link(Element parent, String rel) {
        return children(parent, "link").stream()
                .filter(link -> rel.equals(link.getAttribute("rel")))
                .map(link -> link.getAttribute("href"))
                .findFirst()
                .orElse(null);
    }

    private Story store(String headline, String body, String area, String category, Instant publishedAt) {
        return stories.store(new StoryDraft(
                        Decisions.newTipId(), headline, body, area, category, publishedAt, Decisions.DECIDED_REVISION))
                .block();
    }
}
