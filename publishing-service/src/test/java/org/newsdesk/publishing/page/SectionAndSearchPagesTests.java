package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Area, category and search pages, what every page says about itself in its head, and the sitemap. */
@PublishingIntegrationTest
class SectionAndSearchPagesTests {

    private static final String BASE = "https://news.example.org";

    private static final Pattern STORY_LINK = Pattern.compile("<h2><a href=\"/stories/([a-z0-9-]+)\">");
    private static final Pattern NEXT_LINK = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">");

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @LocalServerPort
    int port;

    @Test
    void anAreaPageListsItsStoriesOnlyAndPagesThroughThemAll() {
        // Given more stories in an area than a page holds, and one elsewhere
        String area = "Little " + word();
        String key = "little-" + area.substring(7).toLowerCase();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < ReaderPagesController.FRONT_PAGE_SIZE + 5; i++) {
            mine.add(
                    0,
                    store(
                                    "Area story " + i,
                                    "Text " + i,
                                    area,
                                    "Roads",
                                    Instant.now().minusSeconds(100 - i))
                            .slug());
        }
        Story elsewhere = store("Elsewhere", "Text", "Erewash", "Roads", Instant.now());

        // When a reader opens the area's page and follows its links to older stories
        String first = page("/areas/" + key);
        List<String> walked = new ArrayList<>(storyLinks(first));
        String next = nextLink(first);
        while (next != null) {
            String older = link(next);
            assertThat(older).contains("<h1>Older stories · " + area + "</h1>");
            walked.addAll(storyLinks(older));
            next = nextLink(older);
        }

        // Then they see the area's stories only, each once, newest first, under the area's name
        assertThat(first)
                .contains("<h1>" + area + "</h1>", "<title>" + area + " · Erewash Sound</title>")
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + area
                        + " · Erewash Sound\" href=\"" + BASE + "/areas/" + key + "/feed.atom\">")
                .contains("<link rel=\"canonical\" href=\"" + BASE + "/areas/" + key + "\">");
        assertThat(walked).isEqualTo(mine).doesNotContain(elsewhere.slug());
    }

    @Test
    void anAreaByAnyOtherSpellingMovesToItsKeyAndAnUnknownOneIsAFriendlyNotFound() {
        // Given an area with a story
        String area = "Sandiacre " + word();
        store("Fete", "Text", area, null, Instant.now());

        // When a reader types its name as written
        // Then they are sent to its one address
        web.get()
                .uri("/areas/{area}", area)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(301)
                .expectHeader()
                .location("/areas/" + area.toLowerCase().replace(' ', '-'));

        // And an area nobody published in, or one with no letters at all, is a 404 page with a way on
        for (String unknown : List.of("/areas/nowhere-" + word(), "/areas/!!!", "/categories/nothing-" + word())) {
            String html = web.get()
                    .uri(unknown)
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(html)
                    .containsPattern("<h1>(Area|Category) not found</h1>")
                    .contains("<a href=\"/\">Go to the front page</a>");
        }
    }

    @Test
    void aCategoryPageListsItsStoriesAndEveryStoryLinksToItsAreaAndCategory() {
        // Given a story in a new category
        String category = "Parks " + word();
        Story story = store("Bandstand restored", "Text", "Long Eaton", category, Instant.now());
        String key = category.toLowerCase().replace(' ', '-');

        // When a reader opens the category's page, then the story
        String list = page("/categories/" + key);
        String html = page("/stories/" + story.slug());

        // Then the story is listed, and its page links to its area and its category
        assertThat(storyLinks(list)).containsExactly(story.slug());
        assertThat(list).contains("<a href=\"/categories/" + key + "\">" + category + "</a>");
        assertThat(html)
                .contains(
                        "<a href=\"/areas/long-eaton\">Long Eaton</a>",
                        "<a href=\"/categories/" + key + "\">" + category + "</a>");
    }

    @Test
    void theSearchPageFindsWordsWhateverTheirAccentsAndPagesThroughTheMatches() {
        // Given stories with an accented word, more than a page of them
        String word = word();
        List<String> mine = new ArrayList<>();
        // One clock reading for all: on a busy machine a store can take longer than the second
        // between two stories, and the newest-first order of equal matches would turn around.
        Instant newest = Instant.now();
        for (int i = 0; i < ReaderPagesController.FRONT_PAGE_SIZE + 2; i++) {
            mine.add(store("Café " + word + " " + i, "Text", "Ilkeston", null, newest.minusSeconds(i))
                    .slug());
        }

        // When a reader searches without the accent and follows the link to more matches
        String first = page("/search?q=cafe+" + word);
        String second = link(nextLink(first));

        // Then the page says what was searched, the form keeps the words, and every match of both
        // words is there once, before other stories' cafés (which match one word only)
        assertThat(first)
                .contains("<h1>Stories matching “cafe " + word + "”</h1>")
                .contains("value=\"cafe " + word + "\"");
        List<String> walked = new ArrayList<>(storyLinks(first));
        walked.addAll(storyLinks(second));
        assertThat(walked.subList(0, mine.size())).containsExactlyElementsOf(mine);
        assertThat(walked).doesNotHaveDuplicates();
        assertThat(second).contains(">Best matches</a>");
    }

    @Test
    void aSearchWithNoWordsShowsTheFormAndOneThatFindsNothingSaysSo() {
        assertThat(page("/search"))
                .contains("<h1>Search</h1>", "<label for=\"search-q\">")
                .doesNotContain("<ol");
        assertThat(page("/search?q=" + word())).contains("No story matches your words.");
        // Words beyond any reason are cut, not refused
        assertThat(page("/search?q=" + (word() + "+").repeat(40) + "x")).contains("No story matches your words.");
        web.get()
                .uri("/search?q=x&cursor=broken")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void everyPageSaysWhatItIsForSharingAndFeedReaders() {
        // Given a story
        Story story = store(
                "Library reopens after repairs",
                "The library on Market Street reopened today after " + "six weeks of repairs to its roof. "
                        + "More words follow. ".repeat(20),
                "Ilkeston",
                "Culture",
                Instant.parse("2024-02-03T10:00:00Z"));

        // When a reader (or a link preview) fetches each kind of page
        for (String path : List.of(
                "/", "/stories/" + story.slug(), "/areas/ilkeston", "/categories/culture", "/search?q=library")) {
            String html = page(path);

            // Then each has a title, a description, its canonical address, Open Graph tags and a feed
            assertThat(html)
                    .as(path)
                    .containsPattern("<title>[^<]+</title>")
                    .containsPattern("<meta name=\"description\" content=\"[^\"]+\">")
                    .containsPattern("<link rel=\"canonical\" href=\"" + BASE + "/[^\"]*\">")
                    .containsPattern("<link rel=\"alternate\" type=\"application/atom\\+xml\" title=\"[^\"]+\" href=\""
                            + BASE + "/[^\"]*feed.atom\">")
                    .containsPattern("<meta property=\"og:title\" content=\"[^\"]+\">")
                    .containsPattern("<meta property=\"og:url\" content=\"" + BASE + "/[^\"]*\">")
                    .contains("<meta property=\"og:site_name\" content=\"Erewash Sound\">")
                    .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                    .contains("<a class=\"skip-link\" href=\"#main\">", "<main id=\"main\">");
        }
        String html = page("/stories/" + story.slug());
        assertThat(html)
                .contains(
                        "<meta property=\"og:type\" content=\"article\">",
                        "<meta property=\"og:url\" content=\"" + BASE + "/stories/" + story.slug() + "\">",
                        "<meta property=\"article:published_time\" content=\"2024-02-03T10:00:00Z\">",
                        "<meta name=\"description\" content=\"The library on Market Street reopened today after six weeks");
    }

    @Test
    void theSitemapListsStoriesAreasAndCategoriesAsValidXml() throws Exception {
        // Given a story in an area and a category
        String area = "Stapleford " + word();
        Story story = store("Sitemap story", "Text", area, "Transport", Instant.now());

        // When a search engine fetches the sitemap
        byte[] xml = web.get()
                .uri("/sitemap.xml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                .expectBody()
                .returnResult()
                .getResponseBody();

        // Then it parses as XML in the sitemaps namespace and lists the story, its area and the front page
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document sitemap = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        assertThat(sitemap.getDocumentElement().getNamespaceURI())
                .isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        NodeList locations = sitemap.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < locations.getLength(); i++) {
            urls.add(locations.item(i).getTextContent());
        }
        assertThat(urls)
                .contains(
                        BASE + "/",
                        BASE + "/stories/" + story.slug(),
                        BASE + "/areas/" + area.toLowerCase().replace(' ', '-'),
                        BASE + "/categories/transport");
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<lastmod>");
        assertThat(web.get()
                        .uri("/robots.txt")
                        .exchange()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("Sitemap: " + BASE + "/sitemap.xml");
    }

    /** Follows a link as a browser would: its address is already encoded. */
    private String link(String href) {
        return web.get()
                .uri(java.net.URI.create("http://localhost:" + port + href.replace("&amp;", "&")))
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String page(String uri) {
        return web.get()
                .uri(uri)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/html;charset=UTF-8")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private Story store(String headline, String body, String area, String category, Instant publishedAt) {
        return stories.store(new StoryDraft(
                        Decisions.newTipId(), headline, body, area, category, publishedAt, Decisions.DECIDED_REVISION))
                .block();
    }

    private static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static List<String> storyLinks(String html) {
        List<String> slugs = new ArrayList<>();
        Matcher links = STORY_LINK.matcher(html);
        while (links.find()) {
            slugs.add(links.group(1));
        }
        return slugs;
    }

    private static String nextLink(String html) {
        Matcher next = NEXT_LINK.matcher(html);
        return next.find() ? next.group(1) : null;
    }
}
