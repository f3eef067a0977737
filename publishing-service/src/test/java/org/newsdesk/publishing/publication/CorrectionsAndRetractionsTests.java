package org.newsdesk.publishing.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.publishing.DecisionPartition;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.newsdesk.web.time.OutletTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Editors correct and withdraw published stories in public: readers see the corrected text with a
 * dated note at the top, a withdrawn story leaves every list and answers {@code 410}, and neither a
 * redelivery, a late decision nor an amendment that overtakes its story changes the outcome.
 */
@PublishingIntegrationTest
class CorrectionsAndRetractionsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Longer than the outbox relay's lease (30 s), which one busy relay may make another wait out. */
    private static final Duration OUTBOX_PATIENCE = Duration.ofSeconds(75);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);
    private static final OutletTime TIME = new OutletTime(LONDON);

    /** Mid-morning in London, on the date the note must carry. */
    private static final Instant CORRECTED_AT = Instant.parse("2026-12-05T10:30:00Z");

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    StoryRepository stories;

    @Autowired
    Outbox storyOutbox;

    @Autowired
    WebTestClient web;

    KafkaTopicProbe probe;
    DecisionPartition decisions;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
        decisions = new DecisionPartition(kafka, probe);
    }

    @Test
    void aCorrectionShowsTheCorrectedTextWithADatedNoteAtTheTopEverywhere() throws Exception {
        // Given a story sent by a resident yesterday and published a minute ago
        String tipId = Decisions.newTipId();
        Instant correctedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant publishedAt = correctedAt.minusSeconds(60);
        Instant submittedAt = publishedAt.minus(1, ChronoUnit.DAYS);
        // (in an area of its own, whose feed no other test fills)
        String area = "Sandiacre " + UUID.randomUUID().toString().substring(0, 8);
        decisions.send(new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                publishedAt,
                tipId,
                Decisions.DECIDED_REVISION,
                TipDecided.Outcome.APPROVED,
                "Bin collections move to Thursday in Sandiacre",
                "Collections move from Tuesday to Thursday from next week.",
                area,
                "Council",
                null,
                "moderator",
                publishedAt,
                null,
                List.of(),
                null,
                null,
                submittedAt));
        String areaFeed = "/areas/" + StoryQuery.key(area) + "/feed.atom";
        Story published = awaitAnnounced(tipId);
        String feedEntryId = feedEntryId(published, areaFeed);

        // When an editor corrects its headline and body
        decisions.send(Decisions.corrected(
                tipId,
                Decisions.DECIDED_REVISION + 1,
                "Bin collections move to Wednesday in Sandiacre",
                "Collections move from Tuesday to Wednesday from next week.",
                "An earlier version of this story said collections move to Thursday.",
                correctedAt));

        // Then the story reads as corrected, and keeps the text first published on record
        Story corrected = await().atMost(PATIENCE)
                .until(
                        () -> stories.findById(tipId).block(),
                        story -> !story.corrections().isEmpty());
        assertThat(corrected.headline()).isEqualTo("Bin collections move to Wednesday in Sandiacre");
        assertThat(corrected.originalHeadline()).isEqualTo("Bin collections move to Thursday in Sandiacre");
        assertThat(corrected.originalBody()).isEqualTo("Collections move from Tuesday to Thursday from next week.");
        assertThat(corrected.slug()).isEqualTo(published.slug());
        assertThat(corrected.lastModified()).isEqualTo(correctedAt);

        // And its page shows the note, dated in the outlet's zone, above the corrected text
        String page = page("/stories/" + corrected.slug(), HttpStatus.OK);
        assertThat(page)
                .contains("Corrected on <time datetime=\"" + correctedAt + "\">"
                        + DAY.format(correctedAt.atZone(LONDON)) + "</time>:</strong>")
                .contains("An earlier version of this story said collections move to Thursday.")
                .contains("Collections move from Tuesday to Wednesday")
                .doesNotContain("to Thursday from next week");
        assertThat(page.indexOf("class=\"corrections\"")).isLessThan(page.indexOf("<p>Collections move from Tuesday"));
        // And it says how the story came to us, without saying who sent it
        assertThat(page)
                .contains("How this story came to us")
                .contains("<dt>The tip</dt>")
                .contains("It began as a tip from a resident, sent to us on")
                .contains(TIME.dateTime(submittedAt).text())
                .contains("Our newsroom checked it and published it on")
                .contains(TIME.dateTime(publishedAt).text());

        // And the API carries the corrected text and the correction
        Map<String, Object> json = web.get()
                .uri("/api/stories/{slug}", corrected.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(json)
                .containsEntry("headline", "Bin collections move to Wednesday in Sandiacre")
                .containsEntry("updatedAt", correctedAt.toString())
                .containsEntry(
                        "corrections",
                        List.of(Map.of(
                                "at",
                                correctedAt.toString(),
                                "note",
                                "An earlier version of this story said collections move to Thursday.")));

        // And the feed's entry is updated in place: same id, updated at the correction
        String feed = page(areaFeed, HttpStatus.OK);
        int entry = feed.lastIndexOf("<entry>", feed.indexOf("<id>" + feedEntryId + "</id>"));
        assertThat(entry).isPositive();
        assertThat(feed.substring(entry, feed.indexOf("</entry>", entry)))
                .contains("<updated>" + correctedAt + "</updated>")
                .contains("Bin collections move to Wednesday in Sandiacre");
    }

    @Test
    void theStoryPagesJsonLdCarriesTheCorrectionTheDatesAndTheBackstory() throws Exception {
        // Given a published story with a correction
        String tipId = Decisions.newTipId();
        decisions.send(Decisions.approved(
                tipId,
                "Library closes early on Fridays </script><script>alert(1)</script>",
                "From January the library in Ilkeston closes at 4pm on Fridays.",
                null,
                Instant.parse("2026-12-02T09:00:00Z")));
        awaitAnnounced(tipId);
        decisions.send(Decisions.corrected(
                tipId,
                Decisions.DECIDED_REVISION + 1,
                "Library closes early on Fridays </script><script>alert(1)</script>",
                "From January the library in Ilkeston closes at 5pm on Fridays.",
                "An earlier version said 4pm. It is 5pm.",
                CORRECTED_AT));
        Story story = await().atMost(PATIENCE)
                .until(
                        () -> stories.findById(tipId).block(),
                        found -> !found.corrections().isEmpty());

        // When a search engine reads its page
        String page = page("/stories/" + story.slug(), HttpStatus.OK);

        // Then one JSON-LD block describes the NewsArticle, with schema.org's correction and dates
        Matcher block = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(block.find()).isTrue();
        String data = block.group(1);
        // (nothing a resident wrote can end the block: every < is escaped)
        assertThat(data).doesNotContain("<", ">");
        JsonNode article = JSON.readTree(data);
        assertThat(article.get("@context").asString()).isEqualTo("https://schema.org");
        assertThat(article.get("@type").asString()).isEqualTo("NewsArticle");
        assertThat(article.get("headline").asString()).startsWith("Library closes early on Fridays </script>");
        assertThat(article.get("datePublished").asString()).isEqualTo("2026-12-02T09:00:00Z");
        assertThat(article.get("dateModified").asString()).isEqualTo("2026-12-05T10:30:00Z");
        JsonNode correction = article.get("correction").get(0);
        assertThat(correction.get("@type").asString()).isEqualTo("CorrectionComment");
        assertThat(correction.get("text").asString()).isEqualTo("An earlier version said 4pm. It is 5pm.");
        assertThat(correction.get("datePublished").asString()).isEqualTo("2026-12-05T10:30:00Z");
        // And its backstory says how the story came to us, gracefully without the tip's time
        assertThat(article.get("backstory").asString())
                .startsWith("This story began as a tip from a resident. The newsroom checked it and published it"
                        + " on 2 December 2026, 9:00am.")
                .contains("Corrected on 5 December 2026: An earlier version said 4pm.");
        // And the page has no other script
        assertThat(page.split("<script", -1)).hasSize(2);
    }

    @Test
    void aCorrectionDeliveredAgainOrOvertakenByANewerOneChangesNothing() {
        // Given a story corrected twice (revisions 3 and 4)
        String tipId = Decisions.newTipId();
        decisions.send(Decisions.approved(tipId, "Road closed in Draycott", "The road is closed until Friday."));
        awaitAnnounced(tipId);
        StoryCorrected first = Decisions.corrected(
                tipId,
                3,
                "Road closed in Draycott",
                "The road is closed until Saturday.",
                "Saturday, not Friday.",
                CORRECTED_AT);
        StoryCorrected second = Decisions.corrected(
                tipId,
                4,
                "Road closed in Draycott and Breaston",
                "The road is closed until Saturday, also in Breaston.",
                "The closure also affects Breaston.",
                CORRECTED_AT.plusSeconds(3600));
        decisions.send(first);
        decisions.send(second);
        Story corrected = await().atMost(PATIENCE)
                .until(
                        () -> stories.findById(tipId).block(),
                        story -> story.corrections().size() == 2);
        // (two corrections in quick succession: the second may wait for the first's relay lease)
        await().atMost(OUTBOX_PATIENCE).until(() -> storyOutbox.isEmpty(tipId).block());
        int announcements = probe.records(Topics.STORIES_PUBLISHED, tipId).size();

        // When both arrive again, the older one last, and the decision too
        decisions.send(second);
        decisions.send(first);
        decisions.send(Decisions.approved(tipId, "Road closed in Draycott", "The road is closed until Friday."));
        String marker = Decisions.newTipId();
        decisions.send(Decisions.approved(marker, "Marker story", "Sent last, handled last."));
        awaitAnnounced(marker);

        // Then the story is exactly as it was: the newest revision's text, each note once
        assertThat(stories.findById(tipId).block()).isEqualTo(corrected);
        assertThat(corrected.headline()).isEqualTo("Road closed in Draycott and Breaston");
        assertThat(corrected.correctionsInOrder())
                .extracting(Story.Correction::note)
                .containsExactly("Saturday, not Friday.", "The closure also affects Breaston.");
        assertThat(probe.records(Topics.STORIES_PUBLISHED, tipId)).hasSize(announcements);
    }

    @Test
    void aCorrectionThatArrivesBeforeItsStoryIsAppliedWhenTheStoryArrives() {
        // Given a correction read before the decision that published the story (re-driven later)
        String tipId = Decisions.newTipId();
        decisions.send(Decisions.corrected(
                tipId,
                3,
                "Toddler group returns to Long Eaton",
                "The group meets on Wednesdays at the library.",
                "The group meets on Wednesdays, not Tuesdays.",
                CORRECTED_AT));
        String marker = Decisions.newTipId();
        decisions.send(Decisions.approved(marker, "Another marker story", "Sent after the correction."));
        awaitAnnounced(marker);
        assertThat(stories.findById(tipId).blockOptional()).isEmpty();

        // When the decision arrives at last
        decisions.send(Decisions.approved(
                tipId, "Toddler group returns to Long Eaton", "The group meets on Tuesdays at the library."));

        // Then the story is published corrected, with its note
        Story story = awaitAnnounced(tipId);
        assertThat(story.body()).isEqualTo("The group meets on Wednesdays at the library.");
        assertThat(story.originalBody()).isEqualTo("The group meets on Tuesdays at the library.");
        assertThat(story.correctionsInOrder())
                .extracting(Story.Correction::note)
                .containsExactly("The group meets on Wednesdays, not Tuesdays.");
        assertThat(page("/stories/" + story.slug(), HttpStatus.OK))
                .contains("The group meets on Wednesdays, not Tuesdays.");
    }

    @Test
    void aRetractedStoryLeavesEveryListFeedSearchAndSitemapAndAnswers410() {
        // Given a published story with a word of its own, on every list
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String tipId = Decisions.newTipId();
        decisions.send(Decisions.approved(
                tipId, "Councillor " + word + " resigns", "The councillor " + word + " resigned on Monday."));
        Story story = awaitAnnounced(tipId);
        String slug = story.slug();
        List<String> lists = List.of(
                "/",
                "/areas/erewash",
                "/categories/crime-and-policing",
                "/search?q=" + word,
                "/api/stories",
                "/api/stories?q=" + word,
                "/api/stories?area=erewash",
                "/feed.atom",
                "/areas/erewash/feed.atom",
                "/categories/crime-and-policing/feed.atom",
                "/sitemap.xml");
        for (String list : lists) {
            assertThat(page(list, HttpStatus.OK)).as(list).contains(slug);
        }
        String storyEtag = web.get()
                .uri("/stories/{slug}", slug)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();

        // When an editor withdraws it
        decisions.send(Decisions.retracted(
                tipId, 3, "The resignation was announced in error; the councillor remains in office.", CORRECTED_AT));
        await().atMost(PATIENCE).until(() -> stories.findById(tipId).block().retracted());

        // Then it is on no list, in no feed, search or sitemap
        for (String list : lists) {
            assertThat(page(list, HttpStatus.OK)).as(list).doesNotContain(slug, "Councillor " + word);
        }

        // And its page answers 410 with when and why, and nothing of the story, even to a client holding it
        String gone = web.get()
                .uri("/stories/{slug}", slug)
                .accept(MediaType.TEXT_HTML)
                .header(HttpHeaders.IF_NONE_MATCH, storyEtag)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GONE)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(gone)
                .contains("This story has been withdrawn")
                .contains(
                        "We withdrew this story on <time datetime=\"2026-12-05T10:30:00Z\">5 December 2026, 10:30am</time>")
                .contains("The resignation was announced in error; the councillor remains in office.")
                .doesNotContain(word, "resigned on Monday");

        // And the API answers 410 with a problem detail, no text
        web.get()
                .uri("/api/stories/{slug}", slug)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GONE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Story withdrawn")
                .jsonPath("$.status")
                .isEqualTo(410)
                .jsonPath("$.reason")
                .isEqualTo("The resignation was announced in error; the councillor remains in office.")
                .jsonPath("$.withdrawnAt")
                .isEqualTo("2026-12-05T10:30:00Z")
                .jsonPath("$.headline")
                .doesNotExist()
                .jsonPath("$.body")
                .doesNotExist();
    }

    @Test
    void aDecisionOrCorrectionAfterTheRetractionNeverBringsTheStoryBack() {
        // Given a withdrawn story
        String tipId = Decisions.newTipId();
        var decision = Decisions.approved(tipId, "School roof collapses", "Nobody was hurt.");
        decisions.send(decision);
        awaitAnnounced(tipId);
        StoryRetracted retraction = Decisions.retracted(tipId, 3, "The report was a hoax.", CORRECTED_AT);
        decisions.send(retraction);
        Story withdrawn =
                await().atMost(PATIENCE).until(() -> stories.findById(tipId).block(), Story::retracted);
        int announcements = probe.records(Topics.STORIES_PUBLISHED, tipId).size();

        // When the decision, a newer decision, the retraction and a correction arrive afterwards
        decisions.send(decision);
        decisions.send(new org.newsdesk.events.TipDecided(
                UUID.randomUUID(),
                org.newsdesk.events.TipDecided.SCHEMA_VERSION,
                Instant.now(),
                tipId,
                5,
                org.newsdesk.events.TipDecided.Outcome.APPROVED,
                "School roof collapses",
                "Nobody was hurt, the council says.",
                "Erewash",
                "Crime and policing",
                null,
                "moderator",
                Instant.now()));
        decisions.send(retraction);
        decisions.send(Decisions.retracted(tipId, 6, "Another reason.", CORRECTED_AT.plusSeconds(60)));
        String marker = Decisions.newTipId();
        decisions.send(Decisions.approved(marker, "Marker story", "Sent last, handled last."));
        awaitAnnounced(marker);

        // Then the story is still withdrawn, exactly as it was, and was never announced again
        assertThat(stories.findById(tipId).block()).isEqualTo(withdrawn);
        assertThat(probe.records(Topics.STORIES_PUBLISHED, tipId)).hasSize(announcements);
        page("/stories/" + withdrawn.slug(), HttpStatus.GONE);
    }

    @Test
    void aRetractionThatArrivesBeforeItsStoryKeepsTheStoryFromEverShowing() {
        // Given a retraction read before the decision that published the story
        String word = "zr" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String tipId = Decisions.newTipId();
        decisions.send(Decisions.retracted(tipId, 3, "The story was about the wrong village.", CORRECTED_AT));

        // When the decision arrives (late, re-driven from the dead-letter topic)
        decisions.send(Decisions.approved(tipId, "Fete cancelled in " + word, "The fete in " + word + " is off."));
        String marker = Decisions.newTipId();
        decisions.send(Decisions.approved(marker, "Marker story", "Sent last, handled last."));
        awaitAnnounced(marker);

        // Then the story is stored withdrawn: never listed, never announced, its page a 410
        Story story = stories.findById(tipId).block();
        assertThat(story.retracted()).isTrue();
        assertThat(probe.records(Topics.STORIES_PUBLISHED, tipId)).isEmpty();
        assertThat(page("/search?q=" + word, HttpStatus.OK)).doesNotContain(story.slug());
        assertThat(page("/", HttpStatus.OK)).doesNotContain(story.slug());
        assertThat(page("/stories/" + story.slug(), HttpStatus.GONE))
                .contains("The story was about the wrong village.")
                .doesNotContain(word);
        // And the corrections column lists it, linked to that page
        assertThat(page("/corrections?limit=100", HttpStatus.OK)).contains("/stories/" + story.slug());
    }

    private String page(String path, HttpStatus status) {
        return web.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON, MediaType.ALL)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String feedEntryId(Story story, String feedPath) {
        String feed = page(feedPath, HttpStatus.OK);
        Matcher id = Pattern.compile("<id>(tag:[^<]*:stories/" + Pattern.quote(story.id()) + ")</id>")
                .matcher(feed);
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private Story awaitAnnounced(String tipId) {
        return await().atMost(PATIENCE)
                .until(
                        () -> stories.findById(tipId)
                                .blockOptional(Duration.ofSeconds(5))
                                .filter(story -> storyOutbox.isEmpty(tipId).block(Duration.ofSeconds(5)))
                                .orElse(null),
                        java.util.Objects::nonNull);
    }
}
