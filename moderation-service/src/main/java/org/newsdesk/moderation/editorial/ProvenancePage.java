package org.newsdesk.moderation.editorial;

import java.time.Instant;
import java.util.List;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.web.ModeratorPage;
import org.newsdesk.moderation.web.OutcomeWords;
import org.newsdesk.web.time.OutletTime;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * A story's whole chain for editors, in order: the resident's words and photos as they reached
 * us, every edit with its author, the decision, every correction with the text before and after,
 * the withdrawal, each with the id of the event that told the rest of Newsdesk. It is read from the
 * tip's own history, which each change appended in the same write as the change itself.
 */
@ModeratorPage
class ProvenancePage {

    private final EditorialDesk desk;
    private final ModeratorAccounts accounts;
    private final OutletTime time;

    ProvenancePage(EditorialDesk desk, ModeratorAccounts accounts, OutletTime time) {
        this.desk = desk;
        this.accounts = accounts;
        this.time = time;
    }

    @GetMapping("/tips/{tipId}/provenance")
    Mono<Rendering> provenance(@PathVariable String tipId) {
        return desk.find(tipId)
                .map(tip -> Rendering.view("provenance")
                        .modelAttribute("tipId", tip.tipId())
                        .modelAttribute("submission", tip.submission())
                        .modelAttribute("receivedAt", tip.receivedAt())
                        .modelAttribute("photos", photos(tip))
                        .modelAttribute("steps", steps(tip))
                        .modelAttribute("published", tip.published())
                        .modelAttribute("time", time)
                        .header(
                                HttpHeaders.CACHE_CONTROL,
                                CacheControl.noStore().getHeaderValue())
                        .build());
    }

    /** @param erased whether it went with the resident's contact details, so there is nothing to show */
    record Photo(int number, String url, int width, int height, boolean erased) {}

    /**
     * @param what    the step in the words the page uses
     * @param changes each field changed, with its words before and after
     */
    record Step(
            String what, String kind, String byName, Instant at, String why, List<Change> changes, String eventId) {}

    record Change(String field, String before, String after) {}

    private static List<Photo> photos(ModeratedTip tip) {
        List<PhotoReference> sent = tip.submission().photos();
        return java.util.stream.IntStream.range(0, sent.size())
                .mapToObj(i -> new Photo(
                        i + 1,
                        "/tips/" + tip.tipId() + "/photos/" + sent.get(i).id(),
                        sent.get(i).width(),
                        sent.get(i).height(),
                        tip.photoErased(sent.get(i).id())))
                .toList();
    }

    /**
     * Every step but the claims, releases and looks at the contact details, which say who worked on
     * the tip, not what it says.
     */
    private List<Step> steps(ModeratedTip tip) {
        return tip.history().stream()
                .filter(entry -> entry.kind() != HistoryEntry.Kind.CLAIMED
                        && entry.kind() != HistoryEntry.Kind.RELEASED
                        && entry.kind() != HistoryEntry.Kind.CONTACT_SHOWN)
                .map(entry -> new Step(
                        words(entry),
                        entry.kind().name().toLowerCase(),
                        HistoryEntry.byName(entry.by(), accounts::displayName),
                        entry.at(),
                        entry.whyBesideOutcome(),
                        entry.changes().stream()
                                .map(change -> new Change(
                                        change.field().equals("body") ? "Story" : "Headline",
                                        change.before(),
                                        change.after()))
                                .toList(),
                        entry.eventId()))
                .toList();
    }

    private static String words(HistoryEntry entry) {
        if (entry.outcome() != null) {
            return OutcomeWords.of(entry.outcome());
        }
        return switch (entry.kind()) {
            case RECEIVED -> "Sent to us";
            case CLAIMED -> "Claimed";
            case RELEASED -> "Released";
            case EDITED -> "Edited before the decision";
            case HELD -> "Put on hold";
            case DECIDED -> "Decided";
            case CORRECTED -> "Corrected";
            case RETRACTED -> "Withdrawn";
            case WITHDRAWN -> "Tip withdrawn";
            case WITHDRAWAL_TOO_LATE -> "Withdrawal asked for too late";
            case CONTACT_SHOWN -> "Contact details seen";
            case CONTACT_ERASED -> "Contact details erased";
        };
    }
}
