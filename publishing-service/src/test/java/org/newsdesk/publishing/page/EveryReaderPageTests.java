package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.media.MediaStore;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.photo.PhotoCopies;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every reader page has, whatever it shows: a title of its own, the way to send a tip in
 * its header, and the outlet's areas and categories to go to; and what lists and stories add:
 * a story's first photo small beside its headline, and "Tell us YOUR news" where a story ends.
 */
@PublishingIntegrationTest
class EveryReaderPageTests {

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @Autowired
    MediaStore mediaStore;

    @Autowired
    PhotoCopies photoCopies;

    @Test
    void everyReaderPageHasATitleOfItsOwn() {
        // Given a story in an area and a category, and a story the newsroom withdrew
        String word = "w" + UUID.randomUUID().toString().substring(0, 6);
        Story story = store("Bridge repairs in Sandiacre " + word, "Sandiacre", "Roads and transport", List.of());
        // (withdrawn long ago, so that it stays out of the way of the corrections column's own tests)
        Story withdrawn = stories.store(new StoryDraft(
                        Decisions.newTipId(),
                        "A story that was wrong " + word,
                        "It was wrong.",
                        "Ilkeston",
                        "Council and politics",
                        Instant.parse("2021-03-01T10:00:00Z"),
                        Decisions.DECIDED_REVISION))
                .block();
        stories.retract(Decisions.retracted(withdrawn.id(), 2, "It was wrong.", Instant.parse("2021-03-02T10:00:00Z")))
                .block();

        // When a reader opens each kind of page
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("/", "Erewash Sound");
        titles.put("/areas/sandiacre", "Sandiacre · Erewash Sound");
        titles.put("/categories/roads-and-transport", "Roads and transport · Erewash Sound");
        titles.put("/stories/" + story.slug(), "Bridge repairs in Sandiacre " + word + " · Erewash Sound");
        titles.put("/stories/" + withdrawn.slug(), "Story withdrawn · Erewash Sound");
        titles.put("/search", "Search · Erewash Sound");
        titles.put("/search?q=" + word, "Search: " + word + " · Erewash Sound");
        titles.put("/corrections", "Corrections · Erewash Sound");
        titles.put("/developers", "API for developers · Erewash Sound");
        titles.put("/stories/no-such-story", "Story not found · Erewash Sound");

        // Then each has its own title, ending with the outlet's name
        titles.forEach((path, title) -> assertThat(html(path)).as(path).contains("<title>" + title + "</title>"));
        assertThat(titles.values()).doesNotHaveDuplicates();
    }

    @Test
    void everyReaderPageHasTheTipLinkAndTheAreasAndCategoriesInItsHeader() {
        // Given a published story
        Story story = store("Market returns to Long Eaton", "Long Eaton", "Business and jobs", List.of());

        for (String path : List.of(
                "/",
                "/areas/long-eaton",
                "/categories/business-and-jobs",
                "/stories/" + story.slug(),
                "/search?q=market",
                "/corrections",
                "/developers",
                "/stories/no-such-story")) {
            // When a reader opens the page
            String html = html(path);
            String header = html.substring(html.indexOf("<header"), html.indexOf("<main"));

            // Then its header links to the tip form, and lists every configured area and category
            assertThat(header)
                    .as(path)
                    .contains("<a class=\"tell-us-link\" href=\"" + PublishingIntegrationTest.TIP_FORM_URL
                            + "\">Tell us YOUR news</a>")
                    .contains("<nav class=\"site-nav\" aria-label=\"Areas and categories\">")
                    .contains("<summary>Areas</summary>", "<summary>Categories</summary>")
                    .contains(
                            "<a href=\"/areas/ilkeston\">Ilkeston</a>",
                            "<a href=\"/areas/elsewhere-in-erewash\">Elsewhere in Erewash</a>",
                            "<a href=\"/categories/community-safety\">Community safety</a>",
                            "<a href=\"/categories/something-else\">Something else</a>");
        }
    }

    @Test
    void anAreaOrCategoryTheNavigationOffersHasAPageBeforeItsFirstStory() {
        // Given the configured area "West Hallam" and category "Sport", which may have no story yet
        // When a reader follows their links
        // Then each is a page that says it has nothing yet, not a "not found"
        assertThat(html("/areas/west-hallam"))
                .contains("<h1>West Hallam</h1>")
                .containsAnyOf("There are no stories from West Hallam at the moment.", "class=\"headlines\"");
        assertThat(html("/categories/sport")).contains("<h1>Sport</h1>");
        // But a place the outlet does not cover and nobody wrote about is still not found
        web.get()
                .uri("/areas/atlantis")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aStoryEndsWithTellUsYourNewsAsTheOutletsStoriesDo() {
        // Given a published story
        Story story = store("Allotments open day in Breaston", "Breaston", "Events and culture", List.of());

        // When a reader opens it
        String html = html("/stories/" + story.slug());

        // Then its text is followed, inside the story, by the invitation and the link to the tip form
        String article = html.substring(html.indexOf("<article>"), html.indexOf("</article>"));
        assertThat(article)
                .contains("<h2 id=\"tell-us-story-title\">Tell us YOUR news</h2>")
                .contains("If there's something happening in your area that matters to you")
                .contains("<a href=\"" + PublishingIntegrationTest.TIP_FORM_URL + "\">tell us about it</a>");
        assertThat(article.indexOf("Tell us YOUR news")).isGreaterThan(article.indexOf("<p>The text of"));
    }

    @Test
    void listsShowEachStorysFirstPhotoAsASmallLazyThumbnail() throws IOException {
        // Given a story with two photos, the first described by the moderator, and one without
        String area = "Draycott " + UUID.randomUUID().toString().substring(0, 6);
        PhotoReference first =
                mediaStore.store(jpeg(1600, 1000), "image/jpeg", 1600, 1000).block();
        PhotoReference second =
                mediaStore.store(jpeg(800, 800), "image/jpeg", 800, 800).block();
        String tipId = Decisions.newTipId();
        List<PublishedPhoto> photos = photoCopies.copy(
                tipId,
                List.of(
                        new StoryPhoto(first, "The green on Saturday", "Stalls and bunting on a village green"),
                        new StoryPhoto(second, null)),
                List.of());
        Story withPhotos = store(tipId, "Draycott fete draws a crowd", area, "Events and culture", photos);
        Story without = store("Draycott parish council meets", area, "Council and politics", List.of());

        // When a reader opens the front page and the area's page
        for (String path :
                List.of("/", "/areas/" + withPhotos.area().toLowerCase().replace(' ', '-'))) {
            String html = html(path);
            String item = item(html, withPhotos.slug());

            // Then the story's first photo is there small: the narrowest copy, sized, loaded only
            // when scrolled to, and described as on the story
            PublishedPhoto.Variant narrowest = photos.get(0).variants().get(0);
            assertThat(narrowest.width()).isEqualTo(320);
            assertThat(item)
                    .as(path)
                    .contains("<img class=\"thumbnail\" src=\"/photos/" + narrowest.id() + "\"")
                    .contains("width=\"320\" height=\"200\" alt=\"Stalls and bunting on a village green\"")
                    .contains("loading=\"lazy\"")
                    .doesNotContain(photos.get(1).variants().get(0).id());
            // And a story without photos has none
            assertThat(item(html, without.slug())).doesNotContain("<img");
        }
    }

    /** The list item of the story with the given slug. */
    private static String item(String html, String slug) {
        int link = html.indexOf("/stories/" + slug + "\"");
        assertThat(link).as("the list links to %s", slug).isPositive();
        int start = html.lastIndexOf("<li", link);
        return html.substring(start, html.indexOf("</li>", link));
    }

    private String html(String path) {
        return web.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private Story store(String headline, String area, String category, List<PublishedPhoto> photos) {
        return store(Decisions.newTipId(), headline, area, category, photos);
    }

    private Story store(String tipId, String headline, String area, String category, List<PublishedPhoto> photos) {
        return stories.store(new StoryDraft(
                        tipId,
                        headline,
                        "The text of " + headline + ".",
                        area,
                        category,
                        Instant.now(),
                        Decisions.DECIDED_REVISION,
                        photos))
                .block();
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(90, 140, 90));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
