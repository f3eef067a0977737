package org.newsdesk.publishing.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.media.MediaStore;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingApplication;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.CorrectionNotice;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.InProcessMongo;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The stories are a read model: dropped, they come back from the log with the same content,
 * slugs included, and without a second announcement.
 */
@PublishingIntegrationTest
class StoriesRebuildTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    StoryRepository stories;

    @Autowired
    Outbox storyOutbox;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aRebuildFromTheLogGivesTheSameStoriesAndAnnouncesNothingAgain() throws Exception {
        // Given stories with one headline, decided in quick succession on every partition, one of
        // them edited after publication (a second decision revision)
        String headline = "Flooding on the A52 at Borrowash "
                + UUID.randomUUID().toString().substring(0, 6);
        Instant decidedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> tipIds = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            String tipId = Decisions.newTipId();
            tipIds.add(tipId);
            send(n % 3, Decisions.approved(tipId, headline, "Report number " + n, decidedAt.plusMillis(n % 2)));
        }
        String edited = tipIds.get(0);
        awaitAnnounced(tipIds);
        send(
                0,
                new TipDecided(
                        UUID.randomUUID(),
                        TipDecided.SCHEMA_VERSION,
                        Instant.now(),
                        edited,
                        Decisions.DECIDED_REVISION + 1,
                        TipDecided.Outcome.APPROVED,
                        headline,
                        "Corrected: the road reopened.",
                        "Erewash",
                        "Roads",
                        null,
                        "editor",
                        Instant.now()));
        await().atMost(PATIENCE)
                .until(() -> stories.findById(edited).block().revision() == 2
                        && storyOutbox.isEmpty(edited).block());
        Map<String, Story> before = snapshot(stories, tipIds);
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        int announcementsBefore = announcements(probe, tipIds);

        // When the read model is rebuilt from the log into an empty database
        String database = "newsdesk-publishing-rebuilt-" + UUID.randomUUID();
        try (ConfigurableApplicationContext rebuild = new SpringApplicationBuilder(PublishingApplication.class)
                .run(
                        "--newsdesk.rebuild=true",
                        "--newsdesk.rebuild-exit=false",
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.mongodb.database=" + database,
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--newsdesk.publishing.public-base-url=" + PublishingIntegrationTest.PUBLIC_BASE_URL)) {

            // Then every story is back, field by field, at the same address and revision
            StoryRepository rebuilt = rebuild.getBean(StoryRepository.class);
            assertThat(snapshot(rebuilt, tipIds)).isEqualTo(before);
            assertThat(before.values()).extracting(Story::slug).doesNotHaveDuplicates();
            // And nothing waits to be announced, and nothing was announced again
            ReactiveMongoOperations rebuiltMongo = rebuild.getBean(ReactiveMongoOperations.class);
            for (String tipId : tipIds) {
                Document raw = rebuiltMongo
                        .findById(tipId, Document.class, StoryRepository.COLLECTION)
                        .block();
                assertThat(raw.getList(Outbox.ENTRIES, Document.class, List.of()))
                        .as("outbox of %s", tipId)
                        .isEmpty();
            }
        }
        assertThat(announcements(probe, tipIds)).isEqualTo(announcementsBefore).isEqualTo(tipIds.size() + 1);
    }

    @Test
    void aRebuildReproducesCorrectionsAndRetractionsExactly() throws Exception {
        // Given a story corrected twice, one withdrawn, and one corrected and one withdrawn before
        // their decisions were read (so the log holds the amendment first)
        String corrected = Decisions.newTipId();
        String withdrawn = Decisions.newTipId();
        String correctedEarly = Decisions.newTipId();
        String withdrawnEarly = Decisions.newTipId();
        Instant at = Instant.parse("2026-12-05T10:30:00Z");
        send(0, Decisions.approved(corrected, "Bus route 15 cut", "The route stops in May."));
        send(0, Decisions.approved(withdrawn, "Pool to close", "The pool closes for good."));
        awaitAnnounced(List.of(corrected, withdrawn));
        send(
                0,
                Decisions.corrected(
                        corrected, 3, "Bus route 15 cut", "The route stops in June.", "June, not May.", at));
        send(
                0,
                Decisions.corrected(
                        corrected,
                        4,
                        "Bus route 15 cut back",
                        "The route is cut back in June.",
                        "Cut back, not stopped.",
                        at.plusSeconds(60)));
        send(0, Decisions.retracted(withdrawn, 3, "The council denies any plan to close the pool.", at));
        send(1, Decisions.corrected(correctedEarly, 3, "Fair returns", "The fair returns on Sunday.", "Sunday.", at));
        send(1, Decisions.approved(correctedEarly, "Fair returns", "The fair returns on Saturday."));
        send(1, Decisions.retracted(withdrawnEarly, 3, "Not true.", at));
        send(1, Decisions.approved(withdrawnEarly, "Market moves", "The market moves to the park."));
        List<String> tipIds = List.of(corrected, withdrawn, correctedEarly, withdrawnEarly);
        // (longer than the outbox relay's lease of 30 s, which quick corrections may wait out)
        await().atMost(Duration.ofSeconds(75))
                .until(() -> stories.findById(corrected).block().corrections().size() == 2
                        && stories.findById(withdrawn).block().retracted()
                        && stories.findById(correctedEarly).blockOptional().isPresent()
                        && stories.findById(withdrawnEarly).blockOptional().isPresent()
                        && tipIds.stream()
                                .allMatch(id -> storyOutbox.isEmpty(id).block()));
        Map<String, Story> before = snapshot(stories, tipIds);
        assertThat(before.get(correctedEarly).body()).isEqualTo("The fair returns on Sunday.");
        assertThat(before.get(withdrawnEarly).retracted()).isTrue();
        List<CorrectionNotice> noticesBefore = notices(mongo, tipIds);
        assertThat(noticesBefore).hasSize(5);
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        int announcementsBefore = announcements(probe, tipIds);

        // When the read model is rebuilt from the log into an empty database
        String database = "newsdesk-publishing-rebuilt-" + UUID.randomUUID();
        try (ConfigurableApplicationContext rebuild = new SpringApplicationBuilder(PublishingApplication.class)
                .run(
                        "--newsdesk.rebuild=true",
                        "--newsdesk.rebuild-exit=false",
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.mongodb.database=" + database,
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--newsdesk.publishing.public-base-url=" + PublishingIntegrationTest.PUBLIC_BASE_URL)) {

            // Then every story is back exactly as it was, corrected or withdrawn, and so is the column
            assertThat(snapshot(rebuild.getBean(StoryRepository.class), tipIds)).isEqualTo(before);
            assertThat(notices(rebuild.getBean(ReactiveMongoOperations.class), tipIds))
                    .isEqualTo(noticesBefore);
        }
        // And nothing was announced again
        assertThat(announcements(probe, tipIds)).isEqualTo(announcementsBefore);
    }

    @Autowired
    ReactiveMongoOperations mongo;

    private static List<CorrectionNotice> notices(ReactiveMongoOperations mongo, List<String> tipIds) {
        return mongo.find(
                        org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("tipId")
                                        .in(tipIds)),
                        CorrectionNotice.class)
                .collectSortedList(java.util.Comparator.comparing(CorrectionNotice::id))
                .block(Duration.ofSeconds(10));
    }

    @Test
    void aRebuildCopiesThePublishedPhotosAgain(@Autowired MediaStore mediaStore) throws Exception {
        // Given a story published with a captioned photo from the shared media store
        PhotoReference photo =
                mediaStore.store(jpeg(900, 600), "image/jpeg", 900, 600).block();
        String tipId = Decisions.newTipId();
        Instant now = Instant.now();
        send(
                1,
                new TipDecided(
                        UUID.randomUUID(),
                        TipDecided.SCHEMA_VERSION,
                        now,
                        tipId,
                        Decisions.DECIDED_REVISION,
                        TipDecided.Outcome.APPROVED,
                        "Village hall reopens",
                        "After the roof repairs.",
                        "Risley",
                        "Community",
                        null,
                        "moderator",
                        now,
                        null,
                        List.of(new StoryPhoto(
                                photo.creditedTo("Pat Jones"), "The new roof", "Slate roof on a brick village hall")),
                        null,
                        null));
        awaitAnnounced(List.of(tipId));
        Story before = stories.findById(tipId).block();
        assertThat(before.photos()).hasSize(1);

        // When the read model is rebuilt into an empty database
        String database = "newsdesk-publishing-rebuilt-" + UUID.randomUUID();
        try (ConfigurableApplicationContext rebuild = new SpringApplicationBuilder(PublishingApplication.class)
                .run(
                        "--newsdesk.rebuild=true",
                        "--newsdesk.rebuild-exit=false",
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.mongodb.database=" + database,
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--newsdesk.publishing.public-base-url=" + PublishingIntegrationTest.PUBLIC_BASE_URL)) {

            // Then the story has the same photo again, caption, description, credit and sizes, in
            // copies of its own database
            Story rebuilt =
                    rebuild.getBean(StoryRepository.class).findById(tipId).block();
            assertThat(rebuilt.photos()).singleElement().satisfies(copy -> {
                assertThat(copy.sourceId()).isEqualTo(photo.id());
                assertThat(copy.caption()).isEqualTo("The new roof");
                assertThat(copy.alt()).isEqualTo("Slate roof on a brick village hall");
                assertThat(copy.credit()).isEqualTo("Pat Jones");
                assertThat(copy.variants())
                        .extracting(PublishedPhoto.Variant::width)
                        .isEqualTo(before.photos().get(0).variants().stream()
                                .map(PublishedPhoto.Variant::width)
                                .toList());
            });
            MediaStore rebuiltCopies = MediaStore.in(rebuild.getBean(MongoClient.class), database, "story-photos");
            for (PublishedPhoto.Variant variant : rebuilt.photos().get(0).variants()) {
                assertThat(rebuiltCopies.read(variant.id()).block())
                        .as("copy %s", variant.id())
                        .isNotNull();
            }
        }
    }

    private static byte[] jpeg(int width, int height) throws java.io.IOException {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private void send(int partition, NewsdeskEvent decision) throws Exception {
        kafka.send(new ProducerRecord<>(Topics.TIPS_DECIDED, partition, decision.tipId(), decision))
                .get(10, TimeUnit.SECONDS);
    }

    private void awaitAnnounced(List<String> tipIds) {
        await().atMost(PATIENCE)
                .until(() -> tipIds.stream()
                        .allMatch(
                                tipId -> stories.findById(tipId).blockOptional().isPresent()
                                        && storyOutbox.isEmpty(tipId).block()));
    }

    private static Map<String, Story> snapshot(StoryRepository repository, List<String> tipIds) {
        Map<String, Story> snapshot = new TreeMap<>();
        tipIds.forEach(tipId -> snapshot.put(tipId, repository.findById(tipId).block()));
        return snapshot;
    }

    private static int announcements(KafkaTopicProbe probe, List<String> tipIds) {
        return tipIds.stream()
                .mapToInt(
                        tipId -> probe.records(Topics.STORIES_PUBLISHED, tipId).size())
                .sum();
    }
}
