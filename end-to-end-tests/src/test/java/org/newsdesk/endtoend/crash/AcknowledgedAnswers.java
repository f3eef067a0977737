package org.newsdesk.endtoend.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;

/**
 * What every acknowledged answer in a {@link Ledger} promised, checked against Newsdesk after a
 * crash: every tip accepted with 202 comes through, decided as decided, one story per tip, never
 * decided twice; every correction's note on its story, no retracted story shown again, every
 * erasure held.
 */
final class AcknowledgedAnswers {

    /**
     * After a restart, redelivered events and outbox relays must catch up; the moderation relay
     * alone waits its grace period before it sends again what Kafka never acknowledged. After an
     * instance is killed, its partitions wait out the consumer session timeout before they move.
     */
    static final Duration CATCH_UP_PATIENCE = Duration.ofMinutes(2);

    /** How many times a check asks a call that got no answer. */
    private static final int ASKS = 3;

    private AcknowledgedAnswers() {}

    /** Every check below, each waiting up to {@link #CATCH_UP_PATIENCE} for Newsdesk to catch up. */
    static void holdOn(NewsdeskApi api, Ledger ledger, String context) {
        everyAcknowledgedTipComesThrough(api, ledger, context);
        noTipHasTwoStories(api, context);
        noDecidedTipIsDecidedAgain(api, ledger, context);
        everyCorrectionIsOnItsStory(api, ledger, context);
        noRetractedStoryIsShownAgain(api, ledger, context);
        everyErasureHolds(api, ledger, context);
    }

    /**
     * Contact details erased with 200 stay erased: the resident's receipt says so, and the
     * moderators' service has learned it (the event that tells it was in the same write as the erasure).
     */
    private static void everyErasureHolds(NewsdeskApi api, Ledger ledger, String context) {
        caughtUp(context + ": every acknowledged erasure known to both services")
                .untilAsserted(() -> {
                    List<String> notHeld = new ArrayList<>();
                    for (String tipId : ledger.erasures()) {
                        NewsdeskApi.ReceiptAnswer receipt = api.receipt(receiptOf(ledger, tipId));
                        if (!"ERASED".equals(receipt.contactDetails())) {
                            notHeld.add(tipId + ": the receipt says contact details " + receipt.contactDetails());
                        } else if (!api.moderatorsKnowContactErased(tipId)) {
                            notHeld.add(tipId + ": the moderators' service does not know it");
                        }
                    }
                    assertThat(notHeld).as("%s: erasures not held", context).isEmpty();
                });
    }

    /**
     * Each tip in turn until it is confirmed: its receipt is known, and it is in the queue or
     * decided; decided with 200, it ends published with its own story or declined with the reason
     * given, and it has left the queue.
     */
    private static void everyAcknowledgedTipComesThrough(NewsdeskApi api, Ledger ledger, String context) {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        List<String> stillWrong = new ArrayList<>();
        caughtUp(context + ": every acknowledged tip accounted for").untilAsserted(() -> {
            stillWrong.clear();
            Set<String> queue = new HashSet<>(api.queuedTipIds());
            for (Ledger.Tip tip : ledger.tips()) {
                if (confirmed.contains(tip.tipId())) {
                    continue;
                }
                Optional<String> wrong = whatIsWrong(api, ledger, tip, ledger.decisionOn(tip.tipId()), queue);
                if (wrong.isEmpty()) {
                    confirmed.add(tip.tipId());
                } else {
                    stillWrong.add(tip.tipId() + ": " + wrong.get());
                }
            }
            assertThat(stillWrong)
                    .as(
                            "%s: acknowledged tips not (yet) accounted for, of %d",
                            context, ledger.tips().size())
                    .isEmpty();
        });
    }

    private static Optional<String> whatIsWrong(
            NewsdeskApi api, Ledger ledger, Ledger.Tip tip, Ledger.Decision decision, Set<String> queue)
            throws IOException {
        NewsdeskApi.ReceiptAnswer receipt = api.receipt(tip.receipt());
        if (receipt.httpStatus() != 200) {
            return Optional.of("its receipt answers " + receipt.httpStatus());
        }
        if (ledger.wasWithdrawn(tip.tipId())) {
            return ("WITHDRAWN".equals(receipt.status()) && !queue.contains(tip.tipId()))
                    ? Optional.empty()
                    : Optional.of("withdrawn with 200, yet the receipt says " + receipt.status()
                            + (queue.contains(tip.tipId()) ? " and it is in the queue" : ""));
        }
        if (decision == null) {
            return (queue.contains(tip.tipId()) || receipt.decided())
                    ? Optional.empty()
                    : Optional.of("neither in the queue nor decided (receipt says " + receipt.status() + ")");
        }
        if (queue.contains(tip.tipId())) {
            return Optional.of("decided " + decision.outcome() + " with 200, yet back in the queue");
        }
        if (!decision.approved()) {
            return ("DECLINED".equals(receipt.status()) && decision.reason().equals(receipt.reason()))
                    ? Optional.empty()
                    : Optional.of(
                            "declined with 200, yet the receipt says " + receipt.status() + " / " + receipt.reason());
        }
        Ledger.Retraction retraction = ledger.retractionOf(tip.tipId());
        if (retraction != null) {
            return ("WITHDRAWN".equals(receipt.status()) && retraction.reason().equals(receipt.reason()))
                    ? Optional.empty()
                    : Optional.of(
                            "retracted with 200, yet the receipt says " + receipt.status() + " / " + receipt.reason());
        }
        // A retraction sent just before a kill may have landed unacknowledged: then it must hold everywhere.
        if ("WITHDRAWN".equals(receipt.status())) {
            return Optional.empty();
        }
        if (!"PUBLISHED".equals(receipt.status()) || receipt.storyUrl() == null) {
            return Optional.of("approved with 200, yet the receipt says " + receipt.status());
        }
        String path = URI.create(receipt.storyUrl()).getPath();
        String slug = path.substring(path.lastIndexOf('/') + 1);
        Optional<NewsdeskApi.Story> story = api.story(slug);
        if (story.isEmpty() || !tip.tipId().equals(story.get().id())) {
            return Optional.of("published at " + receipt.storyUrl() + ", where readers find " + story);
        }
        return Optional.empty();
    }

    private static void noTipHasTwoStories(NewsdeskApi api, String context) {
        List<NewsdeskApi.Story> stories = uncheckedIo(NewsdeskApi::allStories, api);
        assertThat(stories)
                .as("%s: stories per tip", context)
                .extracting(NewsdeskApi.Story::id)
                .doesNotHaveDuplicates();
        assertThat(stories)
                .as("%s: story addresses", context)
                .extracting(NewsdeskApi.Story::slug)
                .doesNotHaveDuplicates();
    }

    private static void noDecidedTipIsDecidedAgain(NewsdeskApi api, Ledger ledger, String context) {
        List<String> decidedAgain = ledger.decisions().stream()
                .filter(decision ->
                        uncheckedIo(a -> a.decide(decision.tipId(), "REJECTED", "A second decision"), api) != 409)
                .map(Ledger.Decision::tipId)
                .collect(Collectors.toList());
        assertThat(decidedAgain)
                .as("%s: tips decided with 200 that took a second decision", context)
                .isEmpty();
    }

    /**
     * Each acknowledged correction's public note is on its story, unless the story was withdrawn
     * since (then its address answers 410, checked below). Notes, not text: a correction sent just
     * before a kill may have landed unacknowledged after the last acknowledged one.
     */
    private static void everyCorrectionIsOnItsStory(NewsdeskApi api, Ledger ledger, String context) {
        Map<String, String> slugs = uncheckedIo(NewsdeskApi::allStories, api).stream()
                .collect(Collectors.toMap(NewsdeskApi.Story::id, NewsdeskApi.Story::slug));
        caughtUp(context + ": every acknowledged correction on its story").untilAsserted(() -> {
            List<String> missing = new ArrayList<>();
            for (Ledger.Correction correction : ledger.corrections()) {
                String slug = slugs.get(correction.tipId());
                if (slug == null) {
                    // No longer listed: only a retraction may take a story out of the list.
                    NewsdeskApi.ReceiptAnswer receipt = api.receipt(receiptOf(ledger, correction.tipId()));
                    if (!"WITHDRAWN".equals(receipt.status())) {
                        missing.add(correction.tipId() + ": not listed, yet not withdrawn");
                    }
                    continue;
                }
                NewsdeskApi.StoryAnswer story = api.storyAnswer(slug);
                if (story.httpStatus() == 200 && !story.correctionNotes().contains(correction.note())) {
                    missing.add(correction.tipId() + ": no note '" + correction.note() + "'");
                }
            }
            assertThat(missing)
                    .as("%s: corrections not on their stories", context)
                    .isEmpty();
        });
    }

    /** A story withdrawn with 200 is in no list, and its address answers 410, after every restart. */
    private static void noRetractedStoryIsShownAgain(NewsdeskApi api, Ledger ledger, String context) {
        Set<String> listed = uncheckedIo(NewsdeskApi::allStories, api).stream()
                .map(NewsdeskApi.Story::id)
                .collect(Collectors.toSet());
        for (Ledger.Retraction retraction : ledger.retractions()) {
            assertThat(listed)
                    .as("%s: retracted story %s listed", context, retraction.tipId())
                    .doesNotContain(retraction.tipId());
            NewsdeskApi.ReceiptAnswer receipt = uncheckedIo(a -> a.receipt(receiptOf(ledger, retraction.tipId())), api);
            if (receipt.storyUrl() != null) {
                String path = URI.create(receipt.storyUrl()).getPath();
                String slug = path.substring(path.lastIndexOf('/') + 1);
                assertThat(uncheckedIo(a -> a.storyAnswer(slug), api).httpStatus())
                        .as("%s: the address of retracted story %s", context, retraction.tipId())
                        .isEqualTo(410);
            }
        }
    }

    private static String receiptOf(Ledger ledger, String tipId) {
        return ledger.tips().stream()
                .filter(tip -> tip.tipId().equals(tipId))
                .findFirst()
                .orElseThrow()
                .receipt();
    }

    private interface IoCall<T> {
        T call(NewsdeskApi api) throws IOException;
    }

    /**
     * Asks the call until it is answered, up to {@value #ASKS} times, as a client that retries
     * would: the surviving instances of {@code TwoOfEverythingTests} leave a call unanswered now
     * and then (the run's figures list each one; the cause is not known yet), and what is checked
     * here is what the answers say, not how fast they come.
     */
    private static <T> T uncheckedIo(IoCall<T> call, NewsdeskApi api) {
        for (int asked = 1; ; asked++) {
            try {
                return call.call(api);
            } catch (HttpTimeoutException unanswered) {
                if (asked == ASKS) {
                    throw new UncheckedIOException(unanswered);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** Waits for the services to catch up, asking again after a call left unanswered (see {@link #uncheckedIo}). */
    private static ConditionFactory caughtUp(String alias) {
        return await(alias)
                .atMost(CATCH_UP_PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(HttpTimeoutException.class);
    }
}
