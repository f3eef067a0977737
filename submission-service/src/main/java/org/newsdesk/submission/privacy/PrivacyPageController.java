package org.newsdesk.submission.privacy;

import java.time.Duration;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.submission.ResidentPages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * What Newsdesk keeps of a resident, who sees it, for how long and how to have it erased, in
 * plain words, with the retention periods as this instance is configured: the page must never
 * promise what the sweep does not do.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Controller
class PrivacyPageController {

    private final OutletProperties outlet;
    private final RetentionProperties retention;

    PrivacyPageController(OutletProperties outlet, RetentionProperties retention) {
        this.outlet = outlet;
        this.retention = retention;
    }

    @GetMapping(path = "/privacy", produces = MediaType.TEXT_HTML_VALUE)
    Rendering page() {
        return ResidentPages.page("privacy", HttpStatus.OK, outlet)
                .modelAttribute("declined", inWords(retention.declined()))
                .modelAttribute("published", inWords(retention.published()))
                .modelAttribute("undecided", inWords(retention.undecided()))
                // A withdrawn tip is kept as long as a declined one, counted from the withdrawal.
                .modelAttribute("withdrawn", inWords(retention.declined()))
                .build();
    }

    /** "30 days", "1 day", "12 hours": the largest whole unit a period is set in. */
    static String inWords(Duration period) {
        if (period.toDays() > 0 && period.equals(Duration.ofDays(period.toDays()))) {
            return count(period.toDays(), "day");
        }
        if (period.toHours() > 0 && period.equals(Duration.ofHours(period.toHours()))) {
            return count(period.toHours(), "hour");
        }
        return count(Math.max(1, period.toMinutes()), "minute");
    }

    private static String count(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
