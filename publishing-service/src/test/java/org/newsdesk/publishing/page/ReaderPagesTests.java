package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.SeedStory;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryPosition;
import org.newsdesk.publishing.story.StoryRepositories;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.web.time.OutletTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.util.HtmlUtils;

@PublishingIntegrationTest
class ReaderPagesTests {

    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Pattern STORY_LINK = Pattern.compile("<a href=\"/stories/([a-z0-9-]+)\">");
    private static final Pattern NEXT_LINK = Pattern.compile("<a href=\"(/\\?cursor=[A-Za-z0-9_-]+)\" rel=\"next\">");

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @Test
    void aStoryPageShowsTheStoryAsTheModeratorApprovedIt() {
        // Given a published seed story, approved half an hour before midnight UTC, which is after
        // midnight in the outlet's summer time
        SeedStory seed = SeedStory.load(SeedStory.POLICE_AND_CRIME_PLAN);
        Story story = store(
                seed.headline(), seed.body(), "Erewash", "Crime and policing", Instant.parse("2023-07-25T23:30:00Z"));

        // When a reader opens the address the resident's receipt links to
        String html = page("/stories/" + story.slug());

        // Then the page has the headline, the area and category, the date and time of publication
        // in the outlet's time zone (with its offset for machines), every paragraph, the bulleted list as a list, and a
        // way back to the front page
        assertThat(html)
                .contains("<title>" + escaped(seed.headline()) + " · Erewash Sound</title>")
                .contains("<h1>" + escaped(seed.headline()) + "</h1>")
                .contains(
                        "<a href=\"/areas/erewash\">Erewash</a>",
                        "<a href=\"/categories/crime-and-policing\">Crime and policing</a>")
                .contains("Published <time datetime=\"2023-07-26T00:30:00+01:00\">26 July 2023, 12:30am</time>")
                .contains("<p>"
                        + escaped("Angelique Foster, Derbyshire Police and Crime Commissioner, has praised "
                                + "Derbyshire Constabulary for its work to fight crime and build public trust, in line "
                                + "with the key priorities in her Police and Crime Plan.")
                        + "</p>")
                .contains("<p>Key performance achievements in 2022-23 include:</p>")
                .contains("<li>" + escaped("The introduction of dedicated Neighbourhood Acquisitive Crime Teams"))
                .contains("<a href=\"/\">Back to the front page</a>");
        List<String> lines = seed.body()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        long bullets = lines.stream().filter(line -> line.startsWith("•")).count();
        assertThat(bullets).isEqualTo(21);
        // + the area's and the category's, and the navigation's ten areas and ten categories
        assertThat(count(html, "<li>")).isEqualTo(bullets + 2 + 20);
        // + the footer's and the "Tell us YOUR news" at the story's end
        assertThat(count(html, "<p>")).isEqualTo(lines.size() - bullets + 2);
    }

    @Test
    void residentsTextNeverRunsAsMarkup() {
        // Given a story whose every field carries markup, and whose body carries template expressions
        String script = "<script>alert(1)</script>";
        String breakout = "\"><img src=x onerror=alert(1)>";
        String expressions = "[[${site.siteName}]] [(${7*7})] ${T(java.lang.Runtime)}";
        Story story = store(
                "Fete " + script + breakout,
                "Bring cake " + script + "\n" + breakout + " & tea\n" + expressions,
                "Ilkeston" + script,
                "Events" + breakout,
                Instant.now());

        // When a reader opens its page
        EntityExchangeResult<String> result = web.get()
                .uri("/stories/{slug}", story.slug())
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult();

        // Then the markup is shown as text, never as elements or attributes, and the browser is
        // told to run no script, load nothing from elsewhere and allow no framing
        String html = result.getResponseBody();
        assertThat(html)
                .doesNotContain(script, "<img", "onerror=alert(1)>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains(
                        "<h1>Fete &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>")
                .contains("<p>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; tea</p>")
                .contains(">Ilkeston&lt;script&gt;alert(1)&lt;/script&gt;</a>");
        // And template expressions in a story are text too, never evaluated
        assertThat(html).contains("<p>" + escaped(expressions) + "</p>");
        assertThat(result.getResponseHeaders().getFirst("Content-Security-Policy"))
                .isEqualTo(CSP);
        assertThat(result.getResponseHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(result.getResponseHeaders().getFirst("X-Content-Type-Options"))
                .isEqualTo("nosniff");
    }

    @Test
    void anUnknownStoryIsAFriendlyNotFoundPage() {
        // Given no story under an address
        String slug = "no-such-story-" + Decisions.newTipId();

        // When a browser asks for it
        // Then it gets a 404 page with a way on, under the same policy as every page
        String html = web.get()
                .uri("/stories/{slug}", slug)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .valueEquals("Content-Security-Policy", CSP)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(html)
                .contains("<h1>Story not found</h1>", "<a href=\"/\">Go to the front page</a>")
                .doesNotContain(slug);
        // And the JSON API still answers with a problem
        web.get()
                .uri("/api/stories/{slug}", slug)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theFrontPageListsStoriesNewestFirstAndLinksToOlderOnes() {
        // Given more stories than fit on the front page, mine published a minute apart
        String marker = Decisions.newTipId().substring(0, 8);
        Instant first = Instant.parse("2022-05-01T08:00:00Z");
        List<String> mineNewestFirst = new ArrayList<>();
        for (int i = 0; i < ReaderPagesController.FRONT_PAGE_SIZE + 1; i++) {
            Story story = store(
                    "Front page " + marker + " " + i,
                    "Story " + i,
                    "Long Eaton",
                    null,
                    first.plus(Duration.ofMinutes(i)));
            mineNewestFirst.add(0, story.slug());
        }

        // When a reader opens the front page and follows its links to older stories to the end
        String frontPage = page("/");
        List<String> walked = new ArrayList<>(storyLinks(frontPage));
        String next = nextLink(frontPage);
        int pages = 1;
        while (next != null && pages++ < 100) {
            String older = page(next);
            assertThat(older).contains("<a href=\"/\">Newest stories</a>");
            walked.addAll(storyLinks(older));
            next = nextLink(older);
        }

        // Then the front page is full and has a link on, every story shows up once, mine newest
        // first, each with its date and area, and the last page has no link further
        assertThat(storyLinks(frontPage)).hasSize(ReaderPagesController.FRONT_PAGE_SIZE);
        assertThat(frontPage).contains("<h1>Latest stories</h1>").doesNotContain("Newest stories");
        assertThat(next).isNull();
        assertThat(walked).doesNotHaveDuplicates();
        assertThat(walked.stream().filter(mineNewestFirst::contains).toList()).isEqualTo(mineNewestFirst);
        assertThat(walked.size()).isGreaterThan(ReaderPagesController.FRONT_PAGE_SIZE);
        String page = walkedTo(mineNewestFirst.get(0));
        assertThat(page)
                .contains("<time datetime=\"2022-05-01T09:20:00+01:00\">1 May 2022, 9:20am</time>")
                .contains("<a href=\"/areas/long-eaton\">Long Eaton</a>");
    }

    @Test
    void pastTheOldestStoryThePageSaysSo() {
        // Given a cursor older than any story
        String cursor = new StoryPosition(Instant.parse("1900-01-01T00:00:00Z"), "0").cursor();

        // When a reader follows it
        String html = page("/?cursor=" + cursor);

        // Then the page renders, empty, with a way back and no way further
        assertThat(html)
                .contains("<h1>Older stories</h1>", "There are no older stories.", "<a href=\"/\">Newest stories</a>")
                .doesNotContain("rel=\"next\"", "/stories/");
    }

    @Test
    void aBrokenCursorIsABadRequestPage() {
        web.get()
                .uri("/?cursor=not-a-cursor")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .value(html -> assertThat(html)
                        .contains(
                                "<h1>This link to more stories is broken</h1>",
                                "<a href=\"/\">Go to the front page</a>"));
    }

    @Test
    void beforeTheFirstStoryTheFrontPageSaysWhatWillAppear(
            @Autowired MongoClient mongo, @Autowired ViewResolver thymeleafReactiveViewResolver) {
        // Given a newsroom that has published nothing yet (a database of its own, left empty)
        StoryRepository none =
                StoryRepositories.over(new ReactiveMongoTemplate(mongo, "empty-" + Decisions.newTipId()));

        // When a reader opens the front page
        String html = pageOf(none, ZoneId.of("Europe/London"), thymeleafReactiveViewResolver, "/");

        // Then it says so, names the outlet, and offers no link to older stories or to a tip form
        assertThat(html)
                .contains("<title>Erewash Sound</title>", "No stories have been published yet.")
                .doesNotContain("rel=\"next\"", "Newest stories", "<ol", "tell us about it</a>");
    }

    @Test
    void storiesAreTimedInTheOutletsZoneAsTheSharedSettingGivesIt(
            @Autowired MongoClient mongo, @Autowired ViewResolver thymeleafReactiveViewResolver) {
        // Given an outlet in Auckland (newsdesk.web.time-zone, through OutletTime) and a story
        // approved at 23:30 UTC, which is the next day at half past noon there
        StoryRepository own =
                StoryRepositories.over(new ReactiveMongoTemplate(mongo, "auckland-" + Decisions.newTipId()));
        Story story = own.store(new StoryDraft(
                        Decisions.newTipId(),
                        "Ferry timetable changes",
                        "From Monday the first ferry leaves at six.",
                        "Devonport",
                        "Transport",
                        Instant.parse("2026-12-04T23:30:00Z"),
                        Decisions.DECIDED_REVISION))
                .block();
        ZoneId auckland = ZoneId.of("Pacific/Auckland");

        // When a reader opens the front page and the story
        // Then both give the date and time there, with its offset for machines
        String shown = "<time datetime=\"2026-12-05T12:30:00+13:00\">5 December 2026, 12:30pm</time>";
        assertThat(pageOf(own, auckland, thymeleafReactiveViewResolver, "/")).contains(shown);
        assertThat(pageOf(own, auckland, thymeleafReactiveViewResolver, "/stories/" + story.slug()))
                .contains("Published " + shown);
    }

    /** A page from the reader pages over the given stories, in the given zone, with no tip form. */
    private static String pageOf(StoryRepository stories, ZoneId zone, ViewResolver views, String path) {
        ReaderPagesController pages = new ReaderPagesController(
                stories,
                new ReaderPagesProperties("Erewash Sound", "", null, null, null),
                new PublishingProperties(null, null),
                new OutletTime(zone));
        return WebTestClient.bindToController(pages)
                .viewResolvers(registry -> registry.viewResolver(views))
                .build()
                .get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void thePagesStylesheetIsServedFromThisServicesOwnPath() {
        web.get()
                .uri("/assets/reader.css")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/css")
                .expectHeader()
                .valueEquals("Content-Security-Policy", CSP);
        assertThat(page("/"))
                .contains("<link rel=\"stylesheet\" href=\"/assets/reader.css\">")
                .contains("<a href=\"" + PublishingIntegrationTest.TIP_FORM_URL + "\">tell us about it</a>");
    }

    private String walkedTo(String slug) {
        String html = page("/");
        for (int pages = 0; !html.contains("/stories/" + slug + "\"") && pages < 100; pages++) {
            html = page(nextLink(html));
        }
        return html.substring(html.indexOf("/stories/" + slug + "\""));
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
                .expectHeader()
                .valueEquals("Content-Security-Policy", CSP)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private Story store(String headline, String body, String area, String category, Instant publishedAt) {
        return stories.store(new StoryDraft(
                        Decisions.newTipId(), headline, body, area, category, publishedAt, Decisions.DECIDED_REVISION))
                .block();
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

    private static String escaped(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static long count(String html, String tag) {
        return html.split(Pattern.quote(tag), -1).length - 1;
    }
}
