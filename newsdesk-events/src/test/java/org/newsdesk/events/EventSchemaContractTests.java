package org.newsdesk.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas are what consumers outside this code base rely on, so every event as the
 * services write it must match its schema, and the schemas must reject what no consumer can use.
 */
class EventSchemaContractTests {

    private static final Instant NOON = Instant.parse("2023-07-26T12:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everyEventTypeHasAUniqueLogicalNameAndASchema() {
        // Given the sealed list of events
        List<Class<?>> events = Arrays.asList(NewsdeskEvent.class.getPermittedSubclasses());

        // Then each is registered under a logical name with a schema on the classpath
        assertThat(List.<Class<?>>copyOf(EventTypes.byName().values())).containsExactlyInAnyOrderElementsOf(events);
        EventTypes.byName()
                .keySet()
                .forEach(name -> assertThat(getClass().getClassLoader().getResource(EventTypes.schemaLocation(name, 1)))
                        .as("schema of %s", name)
                        .isNotNull());
        assertThat(EventTypes.typeMappings()).doesNotContain("$").contains("newsdesk.tip-submitted:");
    }

    @Test
    void aTipSubmittedMatchesItsSchema() {
        // Given a tip as a resident sends it, from one of the outlet's real stories
        TipSubmitted event = TipSubmitted.of(
                UUID.randomUUID().toString(),
                "a".repeat(64),
                "Victim support service launches in the county",
                "A new service offers free help to anyone affected by crime.",
                "Countywide",
                "Community",
                new TipSubmitted.Contact("Sam Reader", "sam@example.org", null),
                NOON);

        // Then it validates
        assertThat(errors(TipSubmitted.TYPE, json.valueToTree(event))).isEmpty();
    }

    @Test
    void anAnonymousTipMatchesItsSchemaToo() {
        TipSubmitted event = TipSubmitted.of("tip-1", null, "Headline", "Body", null, null, null, NOON);

        assertThat(errors(TipSubmitted.TYPE, json.valueToTree(event))).isEmpty();
    }

    @Test
    void aTipWithADateConsentAndPhotosMatchesItsSchemaAndReadsBackTheSame() {
        // Given a tip from the form, with the day it happened and two photo claim checks
        TipSubmitted event = TipSubmitted.of(
                "tip-2",
                "b".repeat(64),
                "Flooding on Nottingham Road",
                "The ford is closed again.",
                "Ilkeston",
                "Environment",
                new TipSubmitted.Contact(null, "sam@example.org", null),
                NOON,
                LocalDate.parse("2023-07-25"),
                true,
                List.of(
                        photo("6650f3a2c1d4e5f6a7b8c9d0", "image/jpeg"),
                        photo("6650f3a2c1d4e5f6a7b8c9d1", "image/png")));
        JsonNode node = json.valueToTree(event);

        // Then it validates, the date travels as a plain ISO date, and it reads back equal
        assertThat(errors(TipSubmitted.TYPE, node)).isEmpty();
        assertThat(node.get("happenedOn").asString()).isEqualTo("2023-07-25");
        assertThat(json.treeToValue(node, TipSubmitted.class)).isEqualTo(event);
    }

    @Test
    void aTipWrittenBeforePhotosExistedStillReads() {
        // Given a TipSubmitted as the first version of the service wrote it
        ObjectNode node = json.valueToTree(TipSubmitted.of("tip-3", null, "Headline", "Body", null, null, null, NOON));
        node.remove(List.of("happenedOn", "contactConsent", "photos"));

        // Then it still validates and reads as a tip without photos
        assertThat(errors(TipSubmitted.TYPE, node)).isEmpty();
        TipSubmitted read = json.treeToValue(node, TipSubmitted.class);
        assertThat(read.photos()).isEmpty();
        assertThat(read.contactConsent()).isFalse();
    }

    @Test
    void theSchemaRefusesAPhotoOfAnotherKind() {
        ObjectNode node = json.valueToTree(TipSubmitted.of(
                "tip-4",
                null,
                "Headline",
                "Body",
                null,
                null,
                null,
                NOON,
                null,
                false,
                List.of(photo("id-1", "image/svg+xml"))));

        assertThat(errors(TipSubmitted.TYPE, node)).isNotEmpty();
    }

    @Test
    void heldAndDuplicateDecisionsMatchTheirSchemaAndCarryChosenPhotos() {
        // Given an approval with a chosen photo, a hold with a note, and a duplicate of another tip
        TipDecided approved = new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                NOON,
                "tip-1",
                2,
                TipDecided.Outcome.APPROVED,
                "Headline",
                "Body",
                "Ilkeston",
                "Environment",
                null,
                "moderator",
                NOON,
                null,
                List.of(new StoryPhoto(photo("id-1", "image/webp"), "The ford at dawn")),
                null,
                null,
                NOON.minusSeconds(3600));
        TipDecided held = new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                NOON,
                "tip-1",
                2,
                TipDecided.Outcome.HELD,
                null,
                null,
                null,
                null,
                null,
                "moderator",
                NOON,
                null,
                List.of(),
                null,
                "Asked the resident for the date");
        TipDecided duplicate = new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                NOON,
                "tip-1",
                2,
                TipDecided.Outcome.DUPLICATE,
                null,
                null,
                null,
                null,
                "Someone told us already.",
                "moderator",
                NOON,
                "duplicate",
                List.of(),
                "tip-0",
                null);

        // Then each validates and reads back equal; a duplicate that names no original does not validate
        for (TipDecided decided : List.of(approved, held, duplicate)) {
            JsonNode node = json.valueToTree(decided);
            assertThat(errors(TipDecided.TYPE, node))
                    .as(decided.outcome().name())
                    .isEmpty();
            assertThat(json.treeToValue(node, TipDecided.class)).isEqualTo(decided);
        }
        ObjectNode orphan = json.valueToTree(duplicate);
        orphan.putNull("duplicateOf");
        assertThat(errors(TipDecided.TYPE, orphan)).isNotEmpty();
    }

    @Test
    void decisionsMatchTheirSchema() {
        // Given an approval with the published text and a decline with a reason
        TipDecided approved = decision(TipDecided.Outcome.APPROVED, "Edited headline", "Edited body", null);
        TipDecided declined = decision(TipDecided.Outcome.REJECTED, null, null, "We could not verify it.");

        // Then both validate
        assertThat(errors(TipDecided.TYPE, json.valueToTree(approved))).isEmpty();
        assertThat(errors(TipDecided.TYPE, json.valueToTree(declined))).isEmpty();
    }

    @Test
    void theSchemaRejectsAnApprovalWithoutTextAndADeclineWithoutReason() {
        // Given decisions a publisher or a resident could do nothing with
        TipDecided approvedWithoutText = decision(TipDecided.Outcome.APPROVED, null, null, null);
        TipDecided declinedWithoutReason = decision(TipDecided.Outcome.REJECTED, null, null, null);

        // Then the schema says so
        assertThat(errors(TipDecided.TYPE, json.valueToTree(approvedWithoutText)))
                .isNotEmpty();
        assertThat(errors(TipDecided.TYPE, json.valueToTree(declinedWithoutReason)))
                .isNotEmpty();
    }

    @Test
    void aStoryPublishedMatchesItsSchemaAndRejectsAnUnsafeSlug() {
        // Given a publication
        StoryPublished event = new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                NOON,
                "tip-1",
                1,
                "victim-support-service-launches",
                "Victim support service launches",
                "http://localhost:8083/stories/victim-support-service-launches",
                NOON);
        ObjectNode node = json.valueToTree(event);

        // Then it validates, and would not with a slug that is not URL-safe
        assertThat(errors(StoryPublished.TYPE, node)).isEmpty();
        node.put("slug", "<script>");
        assertThat(errors(StoryPublished.TYPE, node)).isNotEmpty();
    }

    @Test
    void aCorrectionAndARetractionMatchTheirSchemasAndReadBackTheSame() {
        // Given an editor's correction of a published story and, later, its retraction
        StoryCorrected corrected = new StoryCorrected(
                UUID.randomUUID(),
                StoryCorrected.SCHEMA_VERSION,
                NOON,
                "tip-1",
                3,
                "Victim support service launches in the county",
                "A new service offers free help to anyone affected by crime, from 1 August.",
                "An earlier version gave the wrong start date.",
                "moderator",
                NOON);
        StoryRetracted retracted = new StoryRetracted(
                UUID.randomUUID(),
                StoryRetracted.SCHEMA_VERSION,
                NOON,
                "tip-1",
                4,
                "The service's launch was postponed; we will report it when it opens.",
                "moderator",
                NOON);

        // Then each validates and reads back equal
        JsonNode correctedNode = json.valueToTree(corrected);
        JsonNode retractedNode = json.valueToTree(retracted);
        assertThat(errors(StoryCorrected.TYPE, correctedNode)).isEmpty();
        assertThat(errors(StoryRetracted.TYPE, retractedNode)).isEmpty();
        assertThat(json.treeToValue(correctedNode, StoryCorrected.class)).isEqualTo(corrected);
        assertThat(json.treeToValue(retractedNode, StoryRetracted.class)).isEqualTo(retracted);
    }

    @Test
    void theSchemasRefuseACorrectionWithoutANoteAndARetractionWithoutAReason() {
        ObjectNode corrected = json.valueToTree(new StoryCorrected(
                UUID.randomUUID(), StoryCorrected.SCHEMA_VERSION, NOON, "tip-1", 3, "H", "B", "N", "moderator", NOON));
        ObjectNode retracted = json.valueToTree(new StoryRetracted(
                UUID.randomUUID(), StoryRetracted.SCHEMA_VERSION, NOON, "tip-1", 4, "R", "moderator", NOON));
        corrected.put("note", "");
        retracted.remove("reason");

        assertThat(errors(StoryCorrected.TYPE, corrected)).isNotEmpty();
        assertThat(errors(StoryRetracted.TYPE, retracted)).isNotEmpty();
    }

    @Test
    void timesTravelAsIsoStringsNotNumbers() {
        JsonNode node = json.valueToTree(decision(TipDecided.Outcome.REJECTED, null, null, "Duplicate"));

        assertThat(node.get("decidedAt").asString()).isEqualTo("2023-07-26T12:00:00Z");
    }

    private static TipDecided decision(TipDecided.Outcome outcome, String headline, String body, String reason) {
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                NOON,
                "tip-1",
                2,
                outcome,
                headline,
                body,
                "Countywide",
                "Community",
                reason,
                "moderator",
                NOON);
    }

    private static PhotoReference photo(String id, String contentType) {
        return new PhotoReference(id, contentType, 48_213, "c".repeat(64), 1200, 800);
    }

    private List<Error> errors(String type, JsonNode node) {
        try (InputStream schema = getClass().getClassLoader().getResourceAsStream(EventTypes.schemaLocation(type, 1))) {
            Schema loaded = schemas.getSchema(schema);
            return loaded.validate(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
