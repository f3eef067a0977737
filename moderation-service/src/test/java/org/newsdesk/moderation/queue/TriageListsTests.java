package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.ModerationTestClient.QueueEntry;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueueFilter.Choice;
import org.newsdesk.moderation.tip.QueueFilter.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Triage on the queue's pages: the area and category filters are choices from the outlet's lists
 * that match whatever the case, held tips have a list of their own, each row shows the tip's first
 * words, and the decisions made lately have theirs. Each test's tips carry a category of its own,
 * so what other tests leave in the queue never shows in its lists.
 */
@ModerationIntegrationTest
class TriageListsTests {

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    IndexedQueueOrder indexedOrder;

    ModerationTestClient moderation;
    PageSession session;
    String category;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        session = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        category = "Triage " + UUID.randomUUID();
    }

    @Test
    void anAreaTypedInAnotherCaseStillFindsItsTipsAndTheFilterIsAChoiceFromTheList() throws Exception {
        // Given a tip from Ilkeston, one of the outlet's areas
        TipSubmitted ilkeston = tip("Flooding on Bath Street", "Ilkeston");
        moderation.submitAndAwaitQueued(ilkeston);

        // When a moderator follows an old link that typed the area and category in lower case
        String page = session.page(web, "/queue?area=ilkeston&category={category}", lower(category));

        // Then the tip is there, and the area filter is a list with Ilkeston chosen, "Any area" and "Somewhere else"
        assertThat(page).contains("Flooding on Bath Street");
        assertThat(page)
                .contains("<select id=\"area\" name=\"area\">")
                .contains("<option value=\"\">Any area</option>")
                .contains("<option value=\"Ilkeston\" selected=\"selected\">Ilkeston</option>")
                .contains("<option value=\"Long Eaton\">Long Eaton</option>")
                .contains("<option value=\"Somewhere else\">Somewhere else</option>")
                .contains("<select id=\"category\" name=\"category\">")
                .contains("<option value=\"Roads and transport\">Roads and transport</option>")
                .doesNotContain("<input id=\"area\"");

        // And the API matches the same way
        assertThat(apiIds("/api/queue?area=ILKESTON&category={category}", lower(category)))
                .containsExactly(ilkeston.tipId());
    }

    @Test
    void somewhereElseFindsTheTipsOfNoListedAreaAndNotListedTheTipsOfNoListedCategory() throws Exception {
        // Given tips from a listed area, an unlisted one, and none at all
        TipSubmitted listed = tip("Market square lights out", "Long Eaton");
        TipSubmitted unlisted = tip("Derby bus lane extended", "Derby");
        TipSubmitted nowhere = tip("A tip that names no place", null);
        for (TipSubmitted tip : List.of(listed, unlisted, nowhere)) {
            moderation.submitAndAwaitQueued(tip);
        }

        // When a moderator chooses "Somewhere else"
        String page = session.page(web, "/queue?area=Somewhere else&category={category}", category);

        // Then the unlisted and the unplaced tips are there, not the listed one, and the choice is kept
        assertThat(page)
                .contains("Derby bus lane extended")
                .contains("A tip that names no place")
                .doesNotContain("Market square lights out")
                .contains("<option value=\"Somewhere else\" selected=\"selected\">Somewhere else</option>");
        assertThat(apiIds("/api/queue?area=somewhere else&category={category}", category))
                .containsExactlyInAnyOrder(unlisted.tipId(), nowhere.tipId());

        // And a category of no listed kind (each of these tips has one of its own) is "Not in the list"
        assertThat(apiIds("/api/queue?area=Long Eaton&category=Not in the list"))
                .contains(listed.tipId());
        assertThat(apiIds("/api/queue?area=Long Eaton&category=Roads and transport"))
                .doesNotContain(listed.tipId());
    }

    @Test
    void anOldLinkWithAnAreaTheListDoesNotHoldStillFiltersAndSaysSo() throws Exception {
        TipSubmitted derby = tip("Derby ring road closed", "Derby");
        moderation.submitAndAwaitQueued(derby);

        String page = session.page(web, "/queue?area=derby&category={category}", category);

        assertThat(page)
                .contains("Derby ring road closed")
                .contains("<option value=\"derby\" selected=\"selected\">derby</option>");
    }

    @Test
    void aHeldTipLeavesTheWaitingListAndItsCountForTheOnHoldListWithItsNote() throws Exception {
        // Given two tips waiting
        TipSubmitted waiting = tip("Allotment sheds broken into", "Sandiacre");
        TipSubmitted held = tip("School roof repairs delayed", "Sandiacre");
        moderation.submitAndAwaitQueued(waiting);
        moderation.submitAndAwaitQueued(held);
        assertThat(session.page(web, "/queue?category={category}", category)).contains("<strong>2</strong>");

        // When a moderator puts one on hold with a note
        moderation
                .decide(held.tipId(), "{\"outcome\":\"HELD\",\"note\":\"Waiting for the council to call back\"}")
                .expectStatus()
                .isOk();

        // Then the waiting list shows only the other, and counts one
        String queue = session.page(web, "/queue?category={category}", category);
        assertThat(queue)
                .contains("Allotment sheds broken into")
                .doesNotContain("School roof repairs delayed")
                .contains("<strong>1</strong>")
                .contains("tip waits")
                .contains("On hold<span> (1)</span>")
                // the other list's link keeps the filter its count was made with
                .contains("href=\"/queue/held?category=" + category.replace(" ", "%20") + "\"");

        // And the "On hold" list shows the held one with its note, who held it and when
        String onHold = session.page(web, "/queue/held?category={category}", category);
        assertThat(onHold)
                .contains("<title>On hold · Newsdesk moderation</title>")
                .contains("School roof repairs delayed")
                .contains("Waiting for the council to call back")
                .contains("Duty Editor")
                .doesNotContain("Allotment sheds broken into")
                .contains("tip on hold")
                .containsPattern("<time datetime=\"[0-9T:+Z.-]+\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}</time>");
        assertThat(session.page(web, "/queue?list=held&category={category}", category))
                .contains("School roof repairs delayed")
                .doesNotContain("Allotment sheds broken into");

        // And the API keeps listing both unless asked for one list
        assertThat(apiIds("/api/queue?category={category}", category))
                .containsExactlyInAnyOrder(waiting.tipId(), held.tipId());
        assertThat(apiIds("/api/queue?list=waiting&category={category}", category))
                .containsExactly(waiting.tipId());
        assertThat(apiIds("/api/queue?list=held&category={category}", category)).containsExactly(held.tipId());
        assertThat(moderation
                        .queuePage("/api/queue?list=held&category={category}", category)
                        .waiting())
                .isEqualTo(1);
    }

    @Test
    void eachRowShowsTheFirstWordsOfTheTipEscapedAndCutOnAWord() throws Exception {
        // Given a tip of forty words whose first words try to be markup
        String body = "<b>Bold</b> claim: " + "word ".repeat(38).strip();
        TipSubmitted tip = tip("Forty words", "Ilkeston", body);
        moderation.submitAndAwaitQueued(tip);

        // When the queue shows it
        String page = session.page(web, "/queue?category={category}", category);

        // Then its row has the first 25 words, escaped, and an ellipsis where it was cut, and when it was sent
        assertThat(page)
                .containsPattern(
                        "Sent <time datetime=\"[0-9T:+Z.-]+\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}</time>")
                .contains("&lt;b&gt;Bold&lt;/b&gt; claim: " + "word ".repeat(23).strip() + "\u2026")
                .doesNotContain("word ".repeat(24).strip() + "\u2026")
                .doesNotContain("<b>Bold</b>");
    }

    @Test
    void theDecidedListShowsEachOutcomeInWordsWithWhoAndWhenNewestFirst() throws Exception {
        // Given three tips decided three ways
        TipSubmitted published = tip("Swimming pool reopens " + category, "Ilkeston");
        TipSubmitted declined = tip("Rumour about the mayor " + category, "Ilkeston");
        TipSubmitted duplicate = tip("Pool open again " + category, "Ilkeston");
        for (TipSubmitted tip : List.of(published, declined, duplicate)) {
            moderation.submitAndAwaitQueued(tip);
        }
        moderation
                .decide(published.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        String storyUrl = "http://localhost:8083/news/swimming-pool-reopens-" + published.tipId();
        moderation.storyPublished(published.tipId(), 1, storyUrl);
        moderation
                .decide(declined.tipId(), "{\"outcome\":\"REJECTED\",\"reasonCode\":\"cannot-verify\"}")
                .expectStatus()
                .isOk();
        moderation
                .decide(duplicate.tipId(), "{\"outcome\":\"DUPLICATE\",\"duplicateOf\":\"" + published.tipId() + "\"}")
                .expectStatus()
                .isOk();

        // When a moderator opens the decided list
        // Then it shows each, newest first, with the outcome in the moderators' words, who and when
        await().atMost(ModerationTestClient.PATIENCE).untilAsserted(() -> {
            String page = session.page(web, "/queue/decided");
            assertThat(page)
                    .contains("<title>Decided · Newsdesk moderation</title>")
                    .containsSubsequence(
                            "Pool open again " + category,
                            "Duplicate",
                            "Duty Editor",
                            "Covered by",
                            "Swimming pool reopens " + category,
                            "Rumour about the mayor " + category,
                            "Declined",
                            "We could not confirm it with a second source.",
                            "Swimming pool reopens " + category,
                            "Published")
                    .contains("href=\"/tips/" + published.tipId() + "\"")
                    .contains("<a href=\"" + storyUrl + "\">Read the story</a>")
                    .doesNotContain("APPROVED")
                    .doesNotContain("REJECTED")
                    .doesNotContain("UTC");
        });

        // And a page of one leads on to the next with a cursor
        String first = session.page(web, "/queue/decided?limit=1");
        assertThat(first).contains("Pool open again " + category).contains("Older decisions");
    }

    @Test
    void mongoDbAnswersTheFiltersAsTheOrderInMemoryDoes() throws Exception {
        // Given a tip held, one waiting from an unlisted area, and one from a listed area in another case
        TipSubmitted held = tip("Held in Sawley", "Sawley");
        TipSubmitted elsewhere = tip("Waiting from Nottingham", "Nottingham");
        TipSubmitted lower = tip("Waiting from breaston", "breaston");
        for (TipSubmitted tip : List.of(held, elsewhere, lower)) {
            moderation.submitAndAwaitQueued(tip);
        }
        moderation
                .decide(held.tipId(), "{\"outcome\":\"HELD\",\"note\":\"Checking\"}")
                .expectStatus()
                .isOk();
        TriageChoices choices = new TriageChoices(new ModerationProperties(null, null, null, null, null, null));

        // When the queue is read straight from MongoDB's indexes, as before the order is loaded
        // Then each filter finds what the pages find
        assertThat(indexed(new QueueFilter(Standing.HELD, Choice.ANY, choices.category(category))))
                .containsExactly(held.tipId());
        assertThat(indexed(
                        new QueueFilter(Standing.WAITING, choices.area("somewhere else"), choices.category(category))))
                .containsExactly(elsewhere.tipId());
        assertThat(indexed(new QueueFilter(Standing.WAITING, choices.area("BREASTON"), choices.category(category))))
                .containsExactly(lower.tipId());
        assertThat(indexedOrderCount(new QueueFilter(Standing.ANY, Choice.ANY, choices.category(category))))
                .isEqualTo(3);
    }

    private List<String> indexed(QueueFilter filter) {
        return indexedOrder.waitingAfter(null, filter, 10).block(Duration.ofSeconds(30)).stream()
                .map(ModeratedTip::tipId)
                .toList();
    }

    private long indexedOrderCount(QueueFilter filter) {
        return indexedOrder.waiting(filter).block(Duration.ofSeconds(30));
    }

    private List<String> apiIds(String uri, Object... variables) {
        return moderation.queuePage(uri, variables).items().stream()
                .map(QueueEntry::tipId)
                .toList();
    }

    private TipSubmitted tip(String headline, String area) {
        return tip(headline, area, "What happened, in the resident's words.");
    }

    private TipSubmitted tip(String headline, String area, String body) {
        return TestTips.about(headline, body, area, category);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
