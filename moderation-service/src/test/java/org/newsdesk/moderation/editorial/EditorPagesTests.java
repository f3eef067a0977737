package org.newsdesk.moderation.editorial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Editors correct and withdraw stories on the tip page; moderators who are not editors see none of it. */
@ModerationIntegrationTest
class EditorPagesTests {

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    ModerationTestClient moderation;
    Stories stories;
    PageSession editor;
    PageSession moderator;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        stories = new Stories(moderation);
        editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        moderator = PageSession.signIn(
                web, ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD);
    }

    @Test
    void anEditorCorrectsTheStoryWithTheFormPrefilledWithWhatReadersRead() throws Exception {
        // Given a published story
        TipSubmitted tip = stories.published();

        // When an editor opens its page
        String page = page(editor, "/tips/" + tip.tipId());

        // Then the correction form holds the published text, and the state is in people's words
        assertThat(page)
                .contains("id=\"correction-form\"")
                .contains("value=\"" + TestTips.POLICE_PLAN_HEADLINE + "\"")
                .contains(">Published</strong>")
                .contains("id=\"provenance-link\"")
                .contains("id=\"nav-record\"");

        // When they send it with a new headline, the story as it was (CRLF, as browsers send) and a note
        editor.post(web, "/tips/{tipId}/correction", tip.tipId())
                .body(BodyInserters.fromFormData("headline", "Police recruit 283 officers")
                        .with("body", TestTips.POLICE_PLAN_BODY.replace("\n", "\r\n"))
                        .with("note", "The headline gave the wrong number.")
                        .with("_csrf", editor.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/tips/" + tip.tipId() + "?done=corrected#done");

        // Then the page says so, with the new text and the correction counted, and only the headline changed
        String after = page(editor, "/tips/" + tip.tipId() + "?done=corrected");
        assertThat(after)
                .contains("Correction published.")
                .contains("(corrected once)")
                .contains("The headline gave the wrong number.")
                .contains("value=\"Police recruit 283 officers\"");
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
        org.awaitility.Awaitility.await()
                .atMost(ModerationTestClient.PATIENCE)
                .until(() -> probe.records(Topics.TIPS_DECIDED, tip.tipId()).size() == 2);
        assertThat(probe.records(Topics.TIPS_DECIDED, tip.tipId()).get(1).value())
                .contains("\"headline\":\"Police recruit 283 officers\"");
        assertThat(page(editor, "/tips/" + tip.tipId() + "/provenance"))
                .contains(TestTips.POLICE_PLAN_HEADLINE)
                .contains("Police recruit 283 officers")
                .contains("Corrected");
    }

    @Test
    void aCorrectionWithoutANoteShowsTheFormAgainWithTheEditorsWords() throws Exception {
        TipSubmitted tip = stories.published();

        String page = editor.post(web, "/tips/{tipId}/correction", tip.tipId())
                .body(BodyInserters.fromFormData("headline", "My careful new headline")
                        .with("body", TestTips.POLICE_PLAN_BODY)
                        .with("note", "")
                        .with("_csrf", editor.csrf()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(page)
                .contains("The correction was not published")
                .contains("Public note is required")
                .contains("value=\"My careful new headline\"");
    }

    @Test
    void withdrawingNeedsTheTickThenTheStoryIsWithdrawnForGood() throws Exception {
        // Given a published story
        TipSubmitted tip = stories.published();

        // When an editor sends the withdrawal without ticking that they understand
        String refused = editor.post(web, "/tips/{tipId}/retraction", tip.tipId())
                .body(BodyInserters.fromFormData("reason", "The figures were wrong.")
                        .with("_csrf", editor.csrf()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then nothing happens but the page asking again, with their reason kept
        assertThat(refused)
                .contains("The story was not withdrawn")
                .contains("The box must be ticked")
                .contains("The figures were wrong.");
        assertThat(page(editor, "/tips/" + tip.tipId())).contains(">Published</strong>");

        // When they tick it
        editor.post(web, "/tips/{tipId}/retraction", tip.tipId())
                .body(BodyInserters.fromFormData("reason", "The figures were wrong.")
                        .with("confirm", "yes")
                        .with("_csrf", editor.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/tips/" + tip.tipId() + "?done=withdrawn#done");

        // Then the page says it was withdrawn, when and why, and offers no more corrections or withdrawals
        String after = page(editor, "/tips/" + tip.tipId());
        assertThat(after)
                .contains(">Withdrawn</strong>")
                .contains("The figures were wrong.")
                .doesNotContain("id=\"correction-form\"")
                .doesNotContain("id=\"retraction-form\"");
    }

    @Test
    void aModeratorWhoIsNotAnEditorSeesNoEditorsControlsAndIsRefusedThem() throws Exception {
        // Given a published story
        TipSubmitted tip = stories.published();

        // When a moderator who is not an editor opens its page
        String page = page(moderator, "/tips/" + tip.tipId());

        // Then they see the story's state but no correction, withdrawal, provenance or record controls
        assertThat(page)
                .contains(">Published</strong>")
                .doesNotContain("correction-form")
                .doesNotContain("retraction-form")
                .doesNotContain("provenance")
                .doesNotContain("/audit");

        // And calling those pages directly is refused
        for (String uri : List.of("/audit", "/audit.csv", "/tips/" + tip.tipId() + "/provenance")) {
            moderator.get(web, uri).exchange().expectStatus().isForbidden();
        }
        moderator
                .post(web, "/tips/{tipId}/correction", tip.tipId())
                .body(BodyInserters.fromFormData("note", "Sneaky").with("_csrf", moderator.csrf()))
                .exchange()
                .expectStatus()
                .isForbidden();
        moderator
                .post(web, "/tips/{tipId}/retraction", tip.tipId())
                .body(BodyInserters.fromFormData("reason", "Sneaky")
                        .with("confirm", "yes")
                        .with("_csrf", moderator.csrf()))
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(page(editor, "/tips/" + tip.tipId())).contains(">Published</strong>");
    }

    private String page(PageSession session, String uri) {
        return session.get(web, uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
