package org.newsdesk.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.Topics;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.media.MediaStore;
import org.newsdesk.media.StoredPhoto;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.newsdesk.testsupport.PrometheusScrape;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tip's whole life across the three services, through their public HTTP APIs only, the way a
 * resident, a moderator and a reader meet it. Subclasses decide what Kafka and MongoDB the
 * services run on; the journey must not care.
 */
abstract class TipJourney {

    static final String MODERATOR_PASSWORD = "a-long-end-to-end-password";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    /** The publishing service's consumer group, as its configuration names it. */
    private static final String PUBLISHING_GROUP = "publishing-service";

    /** The services, started once per test class on the subclass's infrastructure. */
    abstract NewsdeskServices services();

    /** The Kafka the services run on, for looking at topics from outside them. */
    abstract String kafkaBootstrapServers();

    /** The MongoDB the services run on, for reading the shared media store as any service does. */
    abstract String mongoConnectionString();

    /**
     * The services from their jars on free ports, a moderator password, a master key for contact
     * details, and the publishing service told its own address: story links must lead readers to it.
     */
    static NewsdeskServices.Starter configured(NewsdeskServices.Starter starter) {
        starter.servicesDirectory(NewsdeskDistribution.servicesDirectory()).randomPorts();
        return starter.property(
                        NewsdeskServices.Service.PUBLISHING,
                        "newsdesk.publishing.public-base-url",
                        "http://localhost:" + starter.port(NewsdeskServices.Service.PUBLISHING))
                .property(NewsdeskServices.Service.MODERATION, "newsdesk.moderator.password", MODERATOR_PASSWORD)
                .property("newsdesk.privacy.key", NewsdeskDistribution.PRIVACY_KEY);
    }

    @Test
    void anApprovedTipIsPublishedWithTheModeratorsEditAndTheResidentSeesWhere() {
        // Given a resident sends a tip drawn from one of the outlet's real stories
        String body = seed("2023-07-26-victim-support.txt");
        Map<String, Object> accepted = submitTip(Map.of(
                "headline", "PCC welcomes progress on victim support",
                "body", body,
                "area", "Erewash",
                "category", "Crime and policing",
                "name", "A. Resident",
                "email", "resident@example.org"));
        String tipId = (String) accepted.get("tipId");
        String receipt = (String) accepted.get("receipt");

        // When it reaches the moderators' queue and a moderator approves it with a sharper headline
        awaitInQueue(tipId);
        String editedHeadline = "Victims of crime now contacted every ten days, says Derbyshire PCC";
        Map<String, Object> decision = decide(tipId, Map.of("outcome", "APPROVED", "headline", editedHeadline))
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(decision).containsEntry("outcome", "APPROVED");

        // Then readers find the story with the edit, under a readable address
        Map<String, Object> story = await().atMost(PATIENCE).until(() -> findStory(tipId), found -> found != null);
        assertThat(story).containsEntry("headline", editedHeadline).containsEntry("area", "Erewash");
        String slug = (String) story.get("slug");
        assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*");
        reader().get()
                .uri("/api/stories/{slug}", slug)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(tipId)
                .jsonPath("$.headline")
                .isEqualTo(editedHeadline)
                .jsonPath("$.body")
                .isEqualTo(body);

        // And the resident's receipt says it was published, and where: a page a reader can open
        Map<String, Object> published = await().atMost(PATIENCE)
                .until(() -> receipt(receipt), answer -> "PUBLISHED".equals(answer.get("status")));
        URI storyUrl = URI.create((String) published.get("storyUrl"));
        assertThat(storyUrl).isEqualTo(URI.create(services().publishing().baseUrl() + "/stories/" + slug));
        String page = WebTestClient.bindToServer()
                .build()
                .get()
                .uri(storyUrl)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains(editedHeadline);

        // And the tip has left the queue
        assertThat(queuedTipIds()).doesNotContain(tipId);
    }

    @Test
    void aDeclinedTipTellsTheResidentWhyAndPublishesNothing() {
        // Given a tip in the queue
        Map<String, Object> accepted = submitTip(Map.of(
                "headline", "Rumour about the bypass",
                "body", "Someone at the pub said the bypass will be closed for a year."));
        String tipId = (String) accepted.get("tipId");
        awaitInQueue(tipId);

        // When a moderator declines it with a reason
        String reason = "We could not confirm this with the county council.";
        decide(tipId, Map.of("outcome", "REJECTED", "reason", reason))
                .expectStatus()
                .isOk();

        // Then the resident reads the reason on their receipt
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(receipt((String) accepted.get("receipt")))
                        .containsEntry("status", "DECLINED")
                        .containsEntry("reason", reason));

        // And once the publisher has read the decision, there is no story
        KafkaTopicProbe kafka = new KafkaTopicProbe(kafkaBootstrapServers(), PATIENCE);
        kafka.awaitConsumed(PUBLISHING_GROUP, kafka.awaitRecord(Topics.TIPS_DECIDED, tipId));
        assertThat(findStory(tipId)).isNull();
    }

    @Test
    void aTipIsDecidedOnlyOnce() {
        // Given a decided tip
        String tipId = (String) submitTip(Map.of("headline", "Library opening hours", "body", "Longer on Saturdays."))
                .get("tipId");
        awaitInQueue(tipId);
        decide(tipId, Map.of("outcome", "APPROVED")).expectStatus().isOk();

        // When a second moderator decides it as well
        // Then they are told it is already decided
        decide(tipId, Map.of("outcome", "REJECTED", "reason", "Too late"))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    @BrowserTest
    void aResidentOnAPhoneFollowsATipWithAPhotoToItsPublishedStory() {
        String headline = "Swans nesting on the Erewash canal at Ilkeston";
        String editedHeadline = "Swans return to the Erewash canal";
        String caption = "The pair by the lock gates";
        try (Browser phone = Browser.open(Browser.Screen.PHONE);
                Browser desk = Browser.open(Browser.Screen.DESKTOP)) {
            // Given a resident sends a tip with a photo from the form on their phone
            String receipt = BrowserJourney.sendTipFromThePhone(
                    phone,
                    services().submission().baseUrl(),
                    headline,
                    "A pair of swans has built a nest by the lock gates; walkers are asked to keep dogs on leads.",
                    "/photos/sideways-with-gps.jpg");
            assertThat(receipt).isNotBlank();

            // When a moderator finds it in the queue, sharpens the headline, keeps the photo and approves it
            BrowserJourney.openTipFromTheQueue(desk, services().moderation().baseUrl(), MODERATOR_PASSWORD, headline);
            BrowserJourney.editChoosePhotoAndApprove(desk, editedHeadline, caption);

            // Then the resident's status page leads to the story, with the edit and the photo
            BrowserJourney.followReceiptToTheStory(
                    phone, services().submission().baseUrl(), receipt);
            assertThat(phone.driver().findElement(By.tagName("h1")).getText()).isEqualTo(editedHeadline);
            WebElement photo = phone.driver().findElement(By.cssSelector("figure img"));
            // The moderator's description is what a reader who cannot see it hears; the caption is printed once, under
            // it
            assertThat(photo.getAttribute("alt")).isEqualTo(BrowserJourney.PHOTO_DESCRIPTION);
            assertThat(phone.driver()
                            .findElement(By.cssSelector("figure figcaption"))
                            .getText())
                    .contains(caption);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ((Number) phone.driver().executeScript("return arguments[0].naturalWidth", photo))
                                    .intValue()
                            > 0);
            phone.fullPageScreenshot("journey-5-story-phone");
            phone.assertAccessible();
        }
    }

    @Test
    @BrowserTest
    void aModeratorDeclinesWithAListedReasonAndTheResidentReadsItsWording() {
        String headline = "Parking on the pavement outside Sandiacre school";
        String sentence = "Please tell us again if it keeps happening.";
        try (Browser phone = Browser.open(Browser.Screen.SMALL_PHONE);
                Browser desk = Browser.open(Browser.Screen.DESKTOP)) {
            // Given a tip sent from the form on a small phone, without a photo
            String receipt = BrowserJourney.sendTipFromThePhone(
                    phone,
                    services().submission().baseUrl(),
                    headline,
                    "Cars park on the pavement at home time and children walk in the road.",
                    null);

            // When a moderator declines it with a reason from the newsroom's list and a sentence of their own
            BrowserJourney.openTipFromTheQueue(desk, services().moderation().baseUrl(), MODERATOR_PASSWORD, headline);
            String wording = BrowserJourney.declineWithAListedReason(desk, sentence);

            // Then the resident's status page gives the list's wording and the sentence, and no story
            String reason = BrowserJourney.readTheReasonOnTheStatusPage(
                    phone, services().submission().baseUrl(), receipt);
            assertThat(reason).contains(wording).contains(sentence);
            assertThat(phone.driver().findElements(By.linkText("Read the story")))
                    .isEmpty();
            phone.screenshot("journey-declined-small-phone");
        }
    }

    @Test
    @BrowserTest
    void anEditorCorrectsThenWithdrawsAStoryAndReadersAndTheResidentAreToldInPublic() {
        // Given a published story, from a resident's tip
        String headline = "Bus station toilets to reopen in Long Eaton";
        Map<String, Object> accepted = submitTip(Map.of(
                "headline", headline,
                "body", "The toilets at the bus station reopen on Monday after repairs, the council says.",
                "area", "Long Eaton"));
        String tipId = (String) accepted.get("tipId");
        awaitInQueue(tipId);
        decide(tipId, Map.of("outcome", "APPROVED")).expectStatus().isOk();
        String slug = (String) await().atMost(PATIENCE)
                .until(() -> findStory(tipId), found -> found != null)
                .get("slug");
        String storyUrl = services().publishing().baseUrl() + "/stories/" + slug;
        try (Browser phone = Browser.open(Browser.Screen.PHONE);
                Browser desk = Browser.open(Browser.Screen.DESKTOP)) {
            desk.visit(services().moderation().baseUrl() + "/login");
            desk.driver().findElement(By.id("username")).sendKeys("moderator");
            desk.driver().findElement(By.id("password")).sendKeys(MODERATOR_PASSWORD);
            desk.driver()
                    .findElement(By.cssSelector("form button[type=submit]"))
                    .click();

            // When an editor corrects it on its tip page
            String note = "An earlier version said the toilets reopen on Monday; it is Tuesday.";
            BrowserJourney.correctTheStory(
                    desk,
                    services().moderation().baseUrl(),
                    tipId,
                    "The toilets at the bus station reopen on Tuesday after repairs, the council says.",
                    note);

            // Then a reader's phone shows the dated note at the top of the story, above its text
            // (the phone opens the page once it has changed: a browser keeps a page for a minute)
            await().atMost(PATIENCE)
                    .untilAsserted(
                            () -> assertThat(readerPage("/api/stories/" + slug)).contains(note));
            phone.visit(storyUrl);
            WebElement correction = phone.driver().findElement(By.cssSelector("section.corrections"));
            assertThat(correction.getText()).startsWith("Corrected on").contains(note);
            WebElement firstParagraph = phone.driver().findElement(By.xpath("//article/p[not(@class)]"));
            assertThat(firstParagraph.getText()).contains("reopen on Tuesday");
            assertThat(correction.getLocation().getY())
                    .isLessThan(firstParagraph.getLocation().getY());
            phone.screenshot("journey-corrected-story-phone");
            phone.assertAccessible();

            // When the editor withdraws it
            String reason = "The council has withdrawn its announcement; we will report when a date is set.";
            BrowserJourney.withdrawTheStory(desk, services().moderation().baseUrl(), tipId, reason);

            // Then its address answers 410 with a page that says when and why, and nothing of the story
            await().atMost(PATIENCE)
                    .untilAsserted(() -> reader().get()
                            .uri("/stories/{slug}", slug)
                            .accept(MediaType.TEXT_HTML)
                            .exchange()
                            .expectStatus()
                            .isEqualTo(HttpStatus.GONE));
            try (Browser anotherReader = Browser.open(Browser.Screen.PHONE)) {
                anotherReader.visit(storyUrl);
                assertThat(anotherReader.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("This story has been withdrawn");
                assertThat(anotherReader.driver().getPageSource())
                        .contains(reason)
                        .doesNotContain(headline);
                anotherReader.screenshot("journey-withdrawn-story-phone");
                anotherReader.assertAccessible();
            }

            // And it is gone from the front page, search, the feed and the API list
            assertThat(readerPage("/")).doesNotContain(headline);
            assertThat(readerPage("/search?q=toilets")).doesNotContain(headline);
            assertThat(readerPage("/feed.atom")).doesNotContain(headline);
            assertThat(findStory(tipId)).isNull();
            reader().get()
                    .uri("/api/stories/{slug}", slug)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.GONE);

            // And the resident's status page says it was withdrawn, with the editors' reason
            assertThat(BrowserJourney.readTheReasonOnceWithdrawn(
                            phone, services().submission().baseUrl(), (String) accepted.get("receipt")))
                    .isEqualTo(reason);
            assertThat(receipt((String) accepted.get("receipt"))).containsEntry("status", "WITHDRAWN");
            phone.screenshot("journey-withdrawn-status-phone");
        }
    }

    @Test
    void aTipsPhotoIsOnItsWayByReferenceAndAnyServiceCanReadItWithoutItsMetadata() throws Exception {
        // Given a photo a resident's phone took, with its position, camera and XMP in it
        byte[] photo = resource("/photos/sideways-with-gps.jpg");
        assertThat(metadataDirectories(photo)).contains("GpsDirectory", "ExifIFD0Directory", "XmpDirectory");

        // When they send it with a tip
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part(
                        "tip",
                        Map.of(
                                "headline",
                                "Flooded underpass at Ilkeston station",
                                "body",
                                "The underpass has been under a foot of water since Sunday.",
                                "area",
                                "Ilkeston"))
                .contentType(MediaType.APPLICATION_JSON);
        body.part("photos", new ByteArrayResource(photo) {
                    @Override
                    public String getFilename() {
                        return "IMG_2041.jpg";
                    }
                })
                .contentType(MediaType.IMAGE_JPEG);
        Map<String, Object> accepted = client(services().submission())
                .post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(body.build())
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        String tipId = (String) accepted.get("tipId");

        // Then the tip on the topic carries a reference to the photo, not the photo
        KafkaTopicProbe kafka = new KafkaTopicProbe(kafkaBootstrapServers(), PATIENCE);
        JsonNode event =
                JSON.readTree(kafka.awaitRecord(Topics.TIPS_SUBMITTED, tipId).value());
        assertThat(event.get("photos").size()).isEqualTo(1);
        JsonNode reference = event.get("photos").get(0);
        assertThat(reference.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(event.toString()).doesNotContain("IMG_2041");

        // And whoever reads the media store by that reference, as the moderators' service does, gets
        // the photo the reference describes, upright, with none of its metadata left
        try (MongoClient mongo = MongoClients.create(mongoConnectionString())) {
            StoredPhoto stored = MediaStore.in(mongo, "newsdesk-media", "photos")
                    .read(reference.get("id").asString())
                    .block(PATIENCE);
            assertThat(stored).isNotNull();
            assertThat(stored.reference().sha256())
                    .isEqualTo(reference.get("sha256").asString())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(stored.bytes())));
            assertThat(metadataDirectories(stored.bytes()))
                    .doesNotContain(
                            "ExifIFD0Directory",
                            "ExifSubIFDDirectory",
                            "GpsDirectory",
                            "XmpDirectory",
                            "IptcDirectory",
                            "ExifThumbnailDirectory",
                            "IccDirectory");
            assertThat(new String(stored.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("NewsdeskCam", "Exif\0");
            assertThat(reference.get("height").asInt())
                    .isGreaterThan(reference.get("width").asInt());
        }
    }

    @Test
    void everyServiceReportsItselfHealthyIncludingItsDatabase() {
        for (NewsdeskServices.RunningService service : List.of(
                services().submission(), services().moderation(), services().publishing())) {
            client(service)
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        }
    }

    @Test
    void anOperatorFollowsATipThroughEachServicesMetricsOnItsManagementPort() {
        // Given a tip sent, approved and published
        String tipId = (String) submitTip(Map.of(
                        "headline", "Library opens on Sundays from March",
                        "body", "The county council says Ilkeston library will open on Sundays from March."))
                .get("tipId");
        awaitInQueue(tipId);
        decide(tipId, Map.of("outcome", "APPROVED")).expectStatus().isOk();
        await().atMost(PATIENCE).until(() -> findStory(tipId), found -> found != null);

        // When Prometheus scrapes each service on its management port
        PrometheusScrape submission =
                PrometheusScrape.of(URI.create(services().submission().metricsUrl()));
        PrometheusScrape moderation =
                PrometheusScrape.of(URI.create(services().moderation().metricsUrl()));
        PrometheusScrape publishing =
                PrometheusScrape.of(URI.create(services().publishing().metricsUrl()));

        // Then each shows its part of the tip's way, under its own name, and says it is ready
        assertThat(submission.value(
                        "newsdesk_tips_accepted_total", Map.of("application", "submission-service", "channel", "api")))
                .isGreaterThanOrEqualTo(1);
        assertThat(moderation.value(
                        "newsdesk_decisions_total", Map.of("application", "moderation-service", "outcome", "approved")))
                .isGreaterThanOrEqualTo(1);
        assertThat(publishing.value(
                        "newsdesk_stories_publication_delay_seconds_count",
                        Map.of("application", "publishing-service")))
                .isGreaterThanOrEqualTo(1);
        for (PrometheusScrape scrape : List.of(submission, moderation, publishing)) {
            assertThat(scrape.value("newsdesk_ready")).isEqualTo(1);
        }
        // And none of them serves its metrics on the public port
        for (NewsdeskServices.RunningService service : List.of(
                services().submission(), services().moderation(), services().publishing())) {
            client(service)
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }

    private Map<String, Object> submitTip(Map<String, String> tip) {
        return submitTip(tip, headers -> {});
    }

    Map<String, Object> submitTip(Map<String, String> tip, Consumer<HttpHeaders> headers) {
        return client(services().submission())
                .post()
                .uri("/api/tips")
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tip)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .exists(HttpHeaders.LOCATION)
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    Map<String, Object> receipt(String receipt) {
        return client(services().submission())
                .get()
                .uri("/api/tips/{receipt}", receipt)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    void awaitInQueue(String tipId) {
        await().atMost(PATIENCE).until(() -> queuedTipIds().contains(tipId));
    }

    /** The whole queue: it comes in pages, so {@code next} is followed until there is none. */
    @SuppressWarnings("unchecked")
    private List<String> queuedTipIds() {
        List<String> ids = new ArrayList<>();
        String cursor = "";
        do {
            Map<String, Object> queue = moderator()
                    .get()
                    .uri("/api/queue?limit=500&cursor={cursor}", cursor)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JSON_OBJECT)
                    .returnResult()
                    .getResponseBody();
            ((List<Map<String, Object>>) queue.get("items")).forEach(item -> ids.add((String) item.get("tipId")));
            cursor = (String) queue.get("next");
        } while (cursor != null);
        return ids;
    }

    WebTestClient.ResponseSpec decide(String tipId, Map<String, String> decision) {
        return moderator()
                .post()
                .uri("/api/tips/{tipId}/decision", tipId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(decision)
                .exchange();
    }

    /** The story with this id from the newest page of the reader API, or null while there is none. */
    @SuppressWarnings("unchecked")
    Map<String, Object> findStory(String tipId) {
        Map<String, Object> page = reader().get()
                .uri("/api/stories?limit=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) page.get("items"))
                .stream()
                        .filter(story -> tipId.equals(story.get("id")))
                        .findFirst()
                        .orElse(null);
    }

    private String readerPage(String path) {
        return reader().get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient moderator() {
        return client(services().moderation())
                .mutate()
                .defaultHeaders(headers -> headers.setBasicAuth("moderator", MODERATOR_PASSWORD))
                .build();
    }

    private WebTestClient reader() {
        return client(services().publishing());
    }

    private static WebTestClient client(NewsdeskServices.RunningService service) {
        return WebTestClient.bindToServer()
                .baseUrl(service.baseUrl())
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static List<String> metadataDirectories(byte[] photo) throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo), photo.length);
        return StreamSupport.stream(metadata.getDirectories().spliterator(), false)
                .map(directory -> directory.getClass().getSimpleName())
                .toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = TipJourney.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seed(String name) {
        try (InputStream in = TipJourney.class.getResourceAsStream("/seeds/" + name)) {
            String story = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The tip form bounds a body's length; a real story fits well within it.
            return story.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
