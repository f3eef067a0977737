package org.newsdesk.publishing.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided;
import org.newsdesk.media.MediaStore;
import org.newsdesk.publishing.DecisionPartition;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Photos a moderator chose are published with the story from publishing's own resized copies,
 * with the sizes, srcset and alt text a page needs, and only while the story is published.
 * The photos are put into the shared media store by the test, as the submission service would.
 */
@PublishingIntegrationTest
class StoryPhotosTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    StoryRepository stories;

    @Autowired
    MediaStore mediaStore;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    WebTestClient web;

    DecisionPartition decisions;

    @BeforeEach
    void decisions() {
        decisions = new DecisionPartition(kafka, new KafkaTopicProbe(broker.getBrokersAsString()));
    }

    @Test
    void aPhotosDescriptionIsItsAltTextApartFromItsCaptionAndItsPhotographerIsCredited() throws Exception {
        // Given a resident's photo, credited to the neighbour who took it
        PhotoReference flood = mediaStore
                .store(jpeg(1800, 1200), "image/jpeg", 1800, 1200)
                .block()
                .creditedTo("Sam Patel");

        // When a moderator approves the tip with it, captioned and described apart
        String tipId = Decisions.newTipId();
        TipDecided decision = approved(
                tipId,
                List.of(new StoryPhoto(
                        flood,
                        "The A52 at Borrowash on Tuesday morning",
                        "A car stranded in brown floodwater up to its wheel arches, a bus stop behind it")));
        decisions.send(decision);
        Story story =
                await().atMost(PATIENCE).until(() -> stories.findById(tipId).block(), found -> found != null);

        // Then the stored story carries the description and the credit
        assertThat(story.photos().get(0))
                .returns(
                        "A car stranded in brown floodwater up to its wheel arches, a bus stop behind it",
                        PublishedPhoto::alt)
                .returns("Sam Patel", PublishedPhoto::credit);
        // And the page gives the description as the alt text, the caption and the credit under the photo
        String html = storyPage(story);
        assertThat(html)
                .contains("alt=\"A car stranded in brown floodwater up to its wheel arches, a bus stop behind it\"")
                .containsPattern("<figcaption>The A52 at Borrowash on Tuesday morning\\s*"
                        + "<span class=\"credit\">Photo: Sam Patel</span></figcaption>")
                .doesNotContain("alt=\"The A52 at Borrowash on Tuesday morning\"");
        // And so does the API, in fields of their own
        web.get()
                .uri("/api/stories/" + story.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.photos[0].alt")
                .isEqualTo("A car stranded in brown floodwater up to its wheel arches, a bus stop behind it")
                .jsonPath("$.photos[0].caption")
                .isEqualTo("The A52 at Borrowash on Tuesday morning")
                .jsonPath("$.photos[0].credit")
                .isEqualTo("Sam Patel");
    }

    @Test
    void chosenPhotosArePublishedResizedWithSizesSrcsetAndAltText() throws Exception {
        // Given a resident's landscape JPEG and portrait PNG in the shared media store
        PhotoReference landscape =
                mediaStore.store(jpeg(1800, 1200), "image/jpeg", 1800, 1200).block();
        PhotoReference portrait =
                mediaStore.store(png(500, 800), "image/png", 500, 800).block();
        PhotoReference notChosen =
                mediaStore.store(jpeg(400, 300), "image/jpeg", 400, 300).block();

        // When a moderator approves the tip with the two photos, one captioned
        String tipId = Decisions.newTipId();
        TipDecided decision = approved(
                tipId,
                List.of(
                        new StoryPhoto(landscape, "Floodwater on the A52 at Borrowash"),
                        new StoryPhoto(portrait, null)));
        decisions.send(decision);
        Story story =
                await().atMost(PATIENCE).until(() -> stories.findById(tipId).block(), found -> found != null);

        // Then the story has publishing's copies: the landscape one in four widths, the smaller
        // portrait one at its own width and the narrower standard ones
        assertThat(story.photos()).hasSize(2);
        PublishedPhoto first = story.photos().get(0);
        PublishedPhoto second = story.photos().get(1);
        assertThat(first.variants()).extracting(PublishedPhoto.Variant::width).containsExactly(320, 640, 1024, 1600);
        assertThat(first.variants()).extracting(PublishedPhoto.Variant::height).containsExactly(213, 427, 683, 1067);
        assertThat(second.variants()).extracting(PublishedPhoto.Variant::width).containsExactly(320, 500);
        assertThat(first.variants()).extracting(PublishedPhoto.Variant::id).doesNotContain(landscape.id());

        // And its page shows them with their sizes, a srcset and alt text: a photo chosen before
        // moderators described photos is described by its caption printed under it (so its alt is
        // empty, and a screen reader hears the caption once), else by the headline; each is
        // credited to a reader, as the resident named nobody
        String html = storyPage(story);
        PublishedPhoto.Variant shown = first.variants().get(2);
        assertThat(html)
                .contains("<img src=\"/photos/" + shown.id() + "\" srcset=\"/photos/"
                        + first.variants().get(0).id() + " 320w, /photos/"
                        + first.variants().get(1).id() + " 640w, /photos/"
                        + shown.id() + " 1024w, /photos/"
                        + first.variants().get(3).id() + " 1600w\"")
                .contains("width=\"1024\" height=\"683\" alt=\"\"")
                .containsPattern(
                        "<figcaption>Floodwater on the A52 at Borrowash\\s*<span class=\"credit\">Photo: a reader</span>")
                .contains("width=\"500\" height=\"800\" alt=\"" + decision.headline() + "\"")
                .contains("<meta property=\"og:image\" content=\"https://news.example.org/photos/"
                        + first.variants().get(3).id() + "\">");
        // And the API lists them
        web.get()
                .uri("/api/stories/" + story.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.photos[0].url")
                .isEqualTo("https://news.example.org/photos/" + shown.id())
                .jsonPath("$.photos[0].alt")
                .isEqualTo("Floodwater on the A52 at Borrowash")
                .jsonPath("$.photos[0].sizes.length()")
                .isEqualTo(4)
                .jsonPath("$.photos[1].alt")
                .isEqualTo(decision.headline());

        // And each copy is served as a JPEG of its stated size, cacheable for good
        EntityExchangeResult<byte[]> served = web.get()
                .uri("/photos/" + shown.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_JPEG)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
                .expectBody()
                .returnResult();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(served.getResponseBody()));
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(683);
        web.get()
                .uri("/photos/" + shown.id())
                .header(HttpHeaders.IF_NONE_MATCH, served.getResponseHeaders().getETag())
                .exchange()
                .expectStatus()
                .isNotModified();
        // But the residents' originals, a photo nobody chose and made-up ids are not served here
        for (String id : List.of(landscape.id(), notChosen.id(), "000000000000000000000000", "not-an-id")) {
            web.get().uri("/photos/" + id).exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void aRedeliveredDecisionCopiesNothingAgain() {
        // Given a story published with a photo
        PhotoReference photo =
                mediaStore.store(jpeg(700, 500), "image/jpeg", 700, 500).block();
        String tipId = Decisions.newTipId();
        TipDecided decision = approved(tipId, List.of(new StoryPhoto(photo, "The new bus shelter")));
        decisions.send(decision);
        Story story =
                await().atMost(PATIENCE).until(() -> stories.findById(tipId).block(), found -> found != null);
        long copies = copiesOf(tipId);

        // When the decision is delivered again
        decisions.send(decision);
        String marker = Decisions.newTipId();
        decisions.send(approved(marker, List.of()));
        await().atMost(PATIENCE).until(() -> stories.findById(marker).block() != null);

        // Then the story and its copies are as they were
        assertThat(copies).isEqualTo(3);
        assertThat(copiesOf(tipId)).isEqualTo(copies);
        assertThat(stories.findById(tipId).block()).isEqualTo(story);
    }

    @Test
    void aWithdrawnStorysPhotosAnswer410EvenToAClientHoldingThem() {
        // Given a story published with a photo, which a reader's browser has fetched
        PhotoReference photo =
                mediaStore.store(jpeg(700, 500), "image/jpeg", 700, 500).block();
        String tipId = Decisions.newTipId();
        decisions.send(approved(tipId, List.of(new StoryPhoto(photo, "The cordoned-off square"))));
        Story story =
                await().atMost(PATIENCE).until(() -> stories.findById(tipId).block(), found -> found != null);
        String id = story.photos().get(0).variants().get(0).id();
        String etag = web.get()
                .uri("/photos/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(byte[].class)
                .getResponseHeaders()
                .getETag();

        // When the editors withdraw the story
        decisions.send(Decisions.retracted(tipId, 3, "The photo showed another town.", Instant.now()));
        await().atMost(PATIENCE).until(() -> stories.findById(tipId).block().retracted());

        // Then every copy of its photos is gone, also for a conditional request
        for (var variant : story.photos().get(0).variants()) {
            web.get().uri("/photos/" + variant.id()).exchange().expectStatus().isEqualTo(HttpStatus.GONE);
        }
        web.get()
                .uri("/photos/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GONE)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Photo withdrawn");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aPhotoTheMediaStoreLostOrCannotDecodeLeavesTheStoryWithoutIt(CapturedOutput output) {
        // Given one photo the store does not have, and one whose bytes are not an image
        PhotoReference lost = new PhotoReference("0123456789abcdef01234567", "image/jpeg", 10, "0".repeat(64), 10, 10);
        PhotoReference broken = mediaStore
                .store("not an image".getBytes(), "image/jpeg", 10, 10)
                .block();

        // When a story is approved with them
        String tipId = Decisions.newTipId();
        decisions.send(approved(tipId, List.of(new StoryPhoto(lost, "Lost"), new StoryPhoto(broken, "Broken"))));

        // Then the story is published anyway, without photos
        Story story =
                await().atMost(PATIENCE).until(() -> stories.findById(tipId).block(), found -> found != null);
        assertThat(story.photos()).isEmpty();
        // And the log says which photo could not be decoded, naming the failure by its type, never a decoder's message
        assertThat(output.getOut())
                .containsPattern("Story " + tipId + ": photo " + broken.id()
                        + " \\(image/jpeg\\) cannot be decoded \\((no reader takes it|[\\w.$]+)\\); "
                        + "publishing the story without it");
    }

    private long copiesOf(String storyId) {
        return mongo.count(
                        Query.query(org.springframework.data.mongodb.core.query.Criteria.where("storyId")
                                .is(storyId)),
                        Document.class,
                        PhotoCopies.VARIANTS)
                .block();
    }

    private static TipDecided approved(String tipId, List<StoryPhoto> photos) {
        Instant now = Instant.now();
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now,
                tipId,
                Decisions.DECIDED_REVISION,
                TipDecided.Outcome.APPROVED,
                "Flooding at Borrowash " + tipId.substring(0, 6),
                "The A52 is closed.",
                "Erewash",
                "Roads",
                null,
                "moderator",
                now,
                null,
                photos,
                null,
                null);
    }

    private String storyPage(Story story) {
        return web.get()
                .uri("/stories/" + story.slug())
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
    }

    private static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /** A picture with something in it, so that resizing has work to do. */
    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(30, 90, 160));
        graphics.fillRect(0, 0, width, height / 2);
        graphics.setColor(new Color(40, 140, 60));
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
