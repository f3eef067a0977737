package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.media.MediaStore;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.SeedStory;
import org.newsdesk.publishing.photo.PhotoCopies;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Readers' pages in a real browser, on a phone and at a desk: the front page, a story with a
 * photo, an area, a search typed into the box, and paging forward through an area, each checked
 * with axe-core (WCAG 2.2 AA) and photographed to {@code target/screenshots/} for people to look at.
 */
@BrowserTest
@PublishingIntegrationTest
class ReaderBrowserTests {

    @Autowired
    StoryRepository stories;

    @Autowired
    MediaStore mediaStore;

    @Autowired
    PhotoCopies photoCopies;

    @LocalServerPort
    int port;

    @Test
    void aReaderOnAPhoneGoesFromTheFrontPageToAStoryAndItsArea() throws IOException {
        // Given the two real stories, the newer one with a captioned photo, in an area of their own
        String area = "Erewash " + suffix();
        SeedStory plan = SeedStory.load(SeedStory.POLICE_AND_CRIME_PLAN);
        SeedStory victims = SeedStory.load(SeedStory.VICTIM_SUPPORT);
        store(
                plan.headline(),
                plan.body(),
                area,
                "Crime and policing",
                Instant.now().minusSeconds(60),
                List.of());
        PhotoReference photo =
                mediaStore.store(picture(1600, 1067), "image/jpeg", 1600, 1067).block();
        String tipId = Decisions.newTipId();
        Story story = store(
                victims.headline(),
                victims.body(),
                area,
                "Crime and policing",
                Instant.now(),
                photoCopies.copy(
                        tipId,
                        List.of(new StoryPhoto(
                                photo,
                                "PCC Angelique Foster in conversation at a community meeting",
                                "A woman talking with residents seated in a community hall")),
                        List.of()),
                tipId);

        try (Browser browser = Browser.open(Browser.Screen.PHONE)) {
            // When a reader opens the front page
            browser.visit(url("/"));
            // Then it is accessible and leads to the story, among the newest (other tests publish
            // stories with the same headline: the link is told apart by its address)
            browser.assertAccessible();
            browser.screenshot("front-page-phone");
            WebElement first = browser.driver()
                    .findElement(By.cssSelector(".headlines h2 a[href='/stories/" + story.slug() + "']"));
            assertThat(first.getText()).isEqualTo(victims.headline());

            // When they open the story
            first.click();
            // Then it shows the headline, the photo at a size that fits, and links to its area and category
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(victims.headline());
            WebElement image = browser.driver().findElement(By.cssSelector("figure img"));
            assertThat(image.getAttribute("alt"))
                    .isEqualTo("A woman talking with residents seated in a community hall");
            assertThat(((Number) browser.driver().executeScript("return arguments[0].naturalWidth", image)).intValue())
                    .as("the browser loaded a copy")
                    .isPositive();
            assertThat(image.getSize().getWidth()).isLessThanOrEqualTo(390);
            browser.assertAccessible();
            browser.screenshot("story-phone");
            browser.fullPageScreenshot("story-phone-full");

            // When they follow the area's link
            browser.driver().findElement(By.linkText(area)).click();
            // Then the area's page lists both stories, newest first
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(area);
            assertThat(browser.driver().findElements(By.cssSelector(".headlines h2 a")))
                    .extracting(WebElement::getText)
                    .containsExactly(victims.headline(), plan.headline());
            browser.assertAccessible();
            browser.screenshot("area-phone");
        }
        try (Browser browser = Browser.open(Browser.Screen.SMALL_PHONE)) {
            browser.visit(url("/stories/" + story.slug()));
            browser.assertAccessible();
            // Nothing sticks out sideways at the narrowest screen we promise
            assertThat(((Number) browser.driver().executeScript("return document.documentElement.scrollWidth"))
                            .intValue())
                    .isLessThanOrEqualTo(320);
            browser.screenshot("story-small-phone");
        }
        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            browser.visit(url("/stories/" + story.slug()));
            browser.assertAccessible();
            browser.screenshot("story-desktop");
        }
    }

    @Test
    void theTipLinkTheNavigationAndThumbnailsWorkOnEveryScreen() throws IOException {
        // Given a story with a photo its resident's neighbour took, described and captioned by the
        // moderator, and the story before it, without photos
        String area = "Sawley " + suffix();
        store(
                "Sawley lock gates repaired",
                "The lock is open again.",
                area,
                "Roads and transport",
                Instant.now().minusSeconds(30),
                List.of());
        PhotoReference photo = mediaStore
                .store(picture(1600, 1067), "image/jpeg", 1600, 1067)
                .block()
                .creditedTo("Sam Patel");
        String tipId = Decisions.newTipId();
        Story story = store(
                "Boats return to Sawley marina",
                "The marina reopened on Saturday after the winter works.",
                area,
                "Roads and transport",
                Instant.now(),
                photoCopies.copy(
                        tipId,
                        List.of(new StoryPhoto(
                                photo, "Sawley marina on Saturday", "Narrowboats moored along a sunny quay")),
                        List.of()),
                tipId);

        for (int width : List.of(320, 360, 1280)) {
            try (Browser browser = Browser.open(width > 400 ? Browser.Screen.DESKTOP : Browser.Screen.SMALL_PHONE)) {
                browser.driver().manage().window().setSize(new Dimension(width, width > 400 ? 900 : 720));
                // When a reader opens the front page
                browser.visit(url("/"));
                browser.assertAccessible();
                browser.screenshot("front-page-header-" + width);

                // Then its header links to the tip form, and the page's own content still starts on the first screen
                WebElement tellUs = browser.driver().findElement(By.cssSelector("header .tell-us-link"));
                assertThat(tellUs.isDisplayed()).isTrue();
                assertThat(tellUs.getText()).isEqualTo("Tell us YOUR news");
                assertThat(tellUs.getAttribute("href")).isEqualTo(PublishingIntegrationTest.TIP_FORM_URL);
                WebElement heading = browser.driver().findElement(By.tagName("h1"));
                assertThat(heading.getLocation().getY() + heading.getSize().getHeight())
                        .as("the heading is on the first screen at %d px", width)
                        .isLessThan(width > 400 ? 900 : 720);
                assertThat(scrollWidth(browser))
                        .as("nothing sticks out at %d px", width)
                        .isLessThanOrEqualTo(width);

                // And the story's first photo is a small thumbnail, loaded once it is scrolled to
                WebElement thumbnail = browser.driver()
                        .findElement(By.xpath("//li[.//a[@href='/stories/" + story.slug() + "']]//img"));
                assertThat(thumbnail.getAttribute("loading")).isEqualTo("lazy");
                assertThat(thumbnail.getAttribute("alt")).isEqualTo("Narrowboats moored along a sunny quay");
                browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", thumbnail);
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                ((Number) browser.driver().executeScript("return arguments[0].naturalWidth", thumbnail))
                                                .intValue()
                                        > 0);
                assertThat(thumbnail.getSize().getWidth()).isBetween(90, 150);
                browser.screenshot("front-page-thumbnails-" + width);

                // When they open the areas in the navigation
                browser.driver().executeScript("window.scrollTo(0, 0)");
                browser.driver()
                        .findElement(By.xpath("//nav[@class='site-nav']//summary[.='Areas']"))
                        .click();
                WebElement ilkeston = browser.driver().findElement(By.linkText("Ilkeston"));
                // Then every configured area is there to follow
                assertThat(ilkeston.isDisplayed()).isTrue();
                browser.assertAccessible();
                browser.screenshot("front-page-areas-open-" + width);
                ilkeston.click();
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("Ilkeston");

                // When they open the story
                browser.visit(url("/stories/" + story.slug()));
                browser.assertAccessible();
                browser.screenshot("story-header-" + width);
                // Then the photo is described apart from its caption, and credited
                WebElement image = browser.driver().findElement(By.cssSelector("figure img"));
                assertThat(image.getAttribute("alt")).isEqualTo("Narrowboats moored along a sunny quay");
                assertThat(browser.driver()
                                .findElement(By.cssSelector("figure figcaption"))
                                .getText())
                        .isEqualTo("Sawley marina on Saturday\nPhoto: Sam Patel");
                // And the story ends with the invitation to tell us, linked to the form
                WebElement invitation = browser.driver().findElement(By.cssSelector("article .tell-us-story"));
                assertThat(invitation.getText()).startsWith("Tell us YOUR news");
                assertThat(invitation
                                .findElement(By.linkText("tell us about it"))
                                .getAttribute("href"))
                        .isEqualTo(PublishingIntegrationTest.TIP_FORM_URL);
                assertThat(scrollWidth(browser)).isLessThanOrEqualTo(width);
                browser.fullPageScreenshot("story-full-" + width);
            }
        }
    }

    @Test
    void developersReadTheApiOnAPageOfItsOwn() {
        for (Browser.Screen screen : List.of(Browser.Screen.SMALL_PHONE, Browser.Screen.DESKTOP)) {
            try (Browser browser = Browser.open(screen)) {
                // When a developer follows the footer's link
                browser.visit(url("/"));
                browser.driver().findElement(By.linkText("API for developers")).click();
                // Then the API's page is accessible, fits the screen and lists the stories' endpoint
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("Erewash Sound news API");
                assertThat(browser.driver().findElement(By.id("listStories")).getText())
                        .isEqualTo("GET /api/stories");
                browser.assertAccessible();
                assertThat(scrollWidth(browser)).isLessThanOrEqualTo(screen == Browser.Screen.DESKTOP ? 1280 : 320);
                browser.screenshot("developers-" + screen.name().toLowerCase(java.util.Locale.ROOT));
                browser.fullPageScreenshot("developers-full-" + screen.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private static int scrollWidth(Browser browser) {
        return ((Number) browser.driver().executeScript("return document.documentElement.scrollWidth")).intValue();
    }

    @Test
    void aReaderSearchesFromTheBoxWithoutAccents() {
        // Given a story with accented words
        String word = "w" + suffix();
        Story story = store(
                "Café on Bath Street reopens with crème brûlée " + word,
                "The café, closed since the flood, reopened on Saturday.",
                "Ilkeston",
                "Food and drink",
                Instant.now(),
                List.of());

        try (Browser browser = Browser.open(Browser.Screen.PHONE)) {
            // When a reader types the words without accents into the search box
            browser.visit(url("/"));
            WebElement box = browser.driver().findElement(By.id("site-search-q"));
            box.sendKeys("cafe creme " + word);
            box.submit();

            // Then the story is the best match, and the page is accessible
            assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                    .isEqualTo("Stories matching “cafe creme " + word + "”");
            assertThat(browser.driver()
                            .findElements(By.cssSelector(".headlines h2 a"))
                            .get(0)
                            .getText())
                    .isEqualTo(story.headline());
            assertThat(browser.driver().findElement(By.id("search-q")).getAttribute("value"))
                    .isEqualTo("cafe creme " + word);
            browser.assertAccessible();
            browser.screenshot("search-phone");
        }
    }

    @Test
    void aReaderPagesForwardThroughAnAreaSeeingEveryStoryOnce() {
        // Given more than three pages of stories in an area
        String area = "Long Eaton " + suffix();
        List<String> headlines = new ArrayList<>();
        Instant start = Instant.parse("2025-01-01T08:00:00Z");
        int count = ReaderPagesController.FRONT_PAGE_SIZE * 3 + 5;
        for (int i = 0; i < count; i++) {
            headlines.add(0, "Story " + (i + 1) + " from " + area);
            store(
                    "Story " + (i + 1) + " from " + area,
                    "Text of story " + (i + 1) + ".",
                    area,
                    "Community",
                    start.plusSeconds(60L * i),
                    List.of());
        }

        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            // When a reader opens the area and follows "Older stories" to the end
            browser.visit(url("/areas/" + area.toLowerCase().replace(' ', '-')));
            List<String> seen = new ArrayList<>();
            int pages = 0;
            while (true) {
                pages++;
                browser.assertAccessible();
                if (pages <= 2) {
                    browser.screenshot("area-page-" + pages + "-desktop");
                }
                browser.driver()
                        .findElements(By.cssSelector(".headlines h2 a"))
                        .forEach(link -> seen.add(link.getText()));
                List<WebElement> older = browser.driver().findElements(By.cssSelector("a[rel=next]"));
                if (older.isEmpty()) {
                    break;
                }
                older.get(0).click();
            }

            // Then they saw every story once, newest first, over four pages
            assertThat(pages).isEqualTo(4);
            assertThat(seen).isEqualTo(headlines);
        }
    }

    private Story store(
            String headline,
            String body,
            String area,
            String category,
            Instant publishedAt,
            List<org.newsdesk.publishing.story.PublishedPhoto> photos) {
        return store(headline, body, area, category, publishedAt, photos, Decisions.newTipId());
    }

    private Story store(
            String headline,
            String body,
            String area,
            String category,
            Instant publishedAt,
            List<org.newsdesk.publishing.story.PublishedPhoto> photos,
            String tipId) {
        return stories.store(new StoryDraft(
                        tipId, headline, body, area, category, publishedAt, Decisions.DECIDED_REVISION, photos))
                .block();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** A landscape JPEG with a sky and a hill, as a stand-in for a resident's photo. */
    private static byte[] picture(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(120, 170, 220), 0, height, new Color(220, 235, 250)));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(new Color(70, 130, 70));
        graphics.fillOval(-width / 4, height / 2, width * 3 / 2, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
