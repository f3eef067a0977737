package org.newsdesk.moderation.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.PageSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The record as editors read it: filtered, paged newest first, and exported as a spreadsheet opens it. */
@ModerationIntegrationTest
class EditorialRecordTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    EditorialRecord record;

    @Autowired
    InMemoryAuditOrder inMemory;

    @Autowired
    IndexedAuditOrder indexed;

    @Autowired
    ReactiveMongoOperations mongo;

    String actor;

    @BeforeEach
    void aPersonOfTheirOwn() {
        // Every test records as a person nobody else is, so the filters isolate its lines.
        actor = "editor-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void linesArePagedNewestFirstWithoutSkippingOrRepeatingOne() {
        // Given seven acts by one person, two of them at the same instant
        Instant noon = Instant.parse("2026-03-02T12:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Instant at = i == 6 ? noon.plusSeconds(5 * 60) : noon.plusSeconds(i * 60);
            ids.add(append(at, Act.CLAIMED, "tip-" + i, "Claimed the tip to work on it"));
        }

        // When the record is read three at a time, following next
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = api("/api/audit?actor={actor}&limit=3&cursor={cursor}", actor, cursor);
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (cursor != null);

        // Then every line comes once, newest first (the two at the same time by id)
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder(ids.get(5), ids.get(6));
        assertThat(seen.get(6)).isEqualTo(ids.get(0));

        // And the indexed order and the in-memory one agree, page for page
        AuditFilter mine = new AuditFilter(actor, null, null, null);
        assertThat(inMemory.page(mine, null, 7).block(Duration.ofSeconds(10)))
                .extracting(EditorialAct::id)
                .containsExactlyElementsOf(indexed.page(mine, null, 7).block(Duration.ofSeconds(10)).stream()
                        .map(EditorialAct::id)
                        .toList());
    }

    @Test
    void filtersByActAndByTheOutletsDays() {
        // Given acts either side of midnight in London in summer time (23:30 UTC is 00:30 the next day there)
        String lateOnTheFirst = append(Instant.parse("2026-06-30T22:30:00Z"), Act.DECIDED, "tip-a", "Approved");
        String earlyOnTheSecond = append(Instant.parse("2026-06-30T23:30:00Z"), Act.CORRECTED, "tip-a", "Corrected");
        String onTheThird = append(Instant.parse("2026-07-03T09:00:00Z"), Act.RETRACTED, "tip-a", "Withdrew");

        // Then a day is London's day
        assertThat(ids(api("/api/audit?actor={actor}&from=2026-07-01&to=2026-07-01", actor)))
                .containsExactly(earlyOnTheSecond);
        assertThat(ids(api("/api/audit?actor={actor}&to=2026-06-30", actor))).containsExactly(lateOnTheFirst);
        assertThat(ids(api("/api/audit?actor={actor}&from=2026-07-01", actor)))
                .containsExactly(onTheThird, earlyOnTheSecond);
        // And the act filters
        assertThat(ids(api("/api/audit?actor={actor}&act=DECIDED", actor))).containsExactly(lateOnTheFirst);
        // And each line says who, when, what, to which tip and why
        JsonNode line = api("/api/audit?actor={actor}&act=RETRACTED", actor)
                .get("items")
                .get(0);
        assertThat(line.get("at").asString()).isEqualTo("2026-07-03T09:00:00Z");
        assertThat(line.get("actor").asString()).isEqualTo(actor);
        assertThat(line.get("act").asString()).isEqualTo("RETRACTED");
        assertThat(line.get("tipId").asString()).isEqualTo("tip-a");
        assertThat(line.get("detail").asString()).isEqualTo("Withdrew");
    }

    @Test
    void aQueryThatMakesNoSenseIsAProblem() {
        for (String query : List.of("act=NOPE", "limit=0", "limit=501", "cursor=not-ours", "from=2026-02-31")) {
            web.get()
                    .uri("/api/audit?" + query)
                    .headers(headers -> headers.setBasicAuth(
                            ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void theExportIsRfc4180WithEveryFormulaNeutralised() throws Exception {
        // Given acts whose words a spreadsheet would run or split
        append(Instant.parse("2026-04-01T10:00:00Z"), Act.CORRECTED, "tip-1", "=HYPERLINK(\"http://evil\",\"click\")");
        append(Instant.parse("2026-04-01T10:01:00Z"), Act.CORRECTED, "tip-2", "+1, -2 and \"quoted\"\non two lines");
        append(Instant.parse("2026-04-01T10:02:00Z"), Act.RETRACTED, "tip-3", "@SUM(A1:A2)");
        append(Instant.parse("2026-04-01T10:03:00Z"), Act.CLAIMED, "tip-4", "-5");

        // When an editor exports their lines
        PageSession editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        var result = editor.get(web, "/audit.csv?actor={actor}", actor)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/csv;charset=UTF-8")
                .expectHeader()
                .valueMatches("Content-Disposition", "attachment; filename=\"newsdesk-record-.*\\.csv\"")
                .expectBody(byte[].class)
                .returnResult();
        String csv = new String(result.getResponseBody(), StandardCharsets.UTF_8);

        // Then it starts with the byte order mark and ends every line with CRLF
        assertThat(csv).startsWith("\uFEFFWhen (Europe/London),When (UTC),Account,Name,Act,Tip,Detail,Event\r\n");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\r").contains("\n"); // the one LF is inside a quoted field
        // And it reads back, newest first, with each cell as written, formulas neutralised
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.substring(1)))
                .getRecords();
        assertThat(rows).hasSize(4);
        assertThat(rows)
                .extracting(row -> row.get("Detail"))
                .containsExactly(
                        "'-5",
                        "'@SUM(A1:A2)",
                        "'+1, -2 and \"quoted\"\non two lines",
                        "'=HYPERLINK(\"http://evil\",\"click\")");
        assertThat(rows.get(0).get("When (Europe/London)")).isEqualTo("2026-04-01 11:03:00");
        assertThat(rows.get(0).get("When (UTC)")).isEqualTo("2026-04-01T10:03:00Z");
        assertThat(rows.get(0).get("Act")).isEqualTo("Claimed");
        assertThat(rows.get(1).get("Act")).isEqualTo("Withdrawn");
        assertThat(csv).contains("\"'+1, -2 and \"\"quoted\"\"\non two lines\"");
    }

    @Test
    void thePageShowsTheLinesInWordsForPeopleWithFilters() {
        // Given a correction on record
        append(Instant.parse("2026-05-05T08:00:00Z"), Act.RETRACTED, "tip-9", "Withdrew the story from readers.");

        // When an editor opens the record filtered to this person
        PageSession editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        String page = editor.get(web, "/audit?actor={actor}&act=RETRACTED", actor)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the line is there in people's words, in London time (summer time here) for people and
        // machines alike, with the filters kept for the export
        assertThat(page)
                .contains("Withdrawn")
                .contains("Withdrew the story from readers.")
                .contains("<time datetime=\"2026-05-05T09:00:00+01:00\">5 May 2026, 09:00</time>")
                .doesNotContain("UTC")
                .contains("/audit.csv?actor=" + actor + "&amp;act=RETRACTED")
                .contains("/tips/tip-9/provenance")
                .doesNotContain(">RETRACTED<");
    }

    @Test
    void anOldActAnotherInstanceRecordsLateIsLearnedByTheNextReadOfWhatWasRecordedSince() {
        // Given this instance's order, read once
        inMemory.resync().block(Duration.ofSeconds(30));

        // When another instance records an act that happened long ago (left on its tip by a crash)
        EditorialRecord otherInstance = new EditorialRecord(mongo);
        String id = UUID.randomUUID().toString();
        otherInstance
                .append(new EditorialAct(
                        id, Instant.parse("2025-01-06T09:00:00Z"), actor, Act.HELD, "tip-late", "Held", null))
                .block(Duration.ofSeconds(10));
        inMemory.resync().block(Duration.ofSeconds(30));

        // Then this instance pages it too: it reads what was recorded since, not what happened since
        assertThat(inMemory.page(new AuditFilter(actor, null, null, null), null, 10)
                        .block(Duration.ofSeconds(10)))
                .extracting(EditorialAct::id)
                .containsExactly(id);
    }

    private String append(Instant at, Act act, String tipId, String detail) {
        String id = UUID.randomUUID().toString();
        record.append(new EditorialAct(id, at, actor, act, tipId, detail, null)).block(Duration.ofSeconds(10));
        return id;
    }

    private JsonNode api(String uri, Object... variables) {
        return JSON.readTree(web.get()
                .uri(uri, variables)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
