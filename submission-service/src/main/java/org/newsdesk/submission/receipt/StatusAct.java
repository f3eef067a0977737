package org.newsdesk.submission.receipt;

import java.util.List;
import org.newsdesk.submission.privacy.RetentionProperties;

/**
 * The two things a resident can do from the status page, in the words the pages use for them.
 * Public accessors only, for the template engine.
 */
enum StatusAct {
    WITHDRAWAL(
            "/status/withdrawal",
            "Withdraw your tip?",
            List.of(
                    "Your tip leaves the newsroom's list at once, and the editors will not publish it.",
                    "This cannot be undone. If you change your mind, you can send the tip again.",
                    "Your contact details are kept for %d days after you withdraw, then erased. "
                            + "You can erase them now as well."),
            "Yes, withdraw my tip"),
    ERASURE(
            "/status/erasure",
            "Erase your contact details?",
            List.of(
                    "Your name, email address and phone number are erased for good, everywhere we keep them. "
                            + "Nobody at the newsroom can read them again, so we will not be able to contact you "
                            + "about this tip.",
                    "Your photos are deleted too, unless one is already part of a published story.",
                    "Your tip itself stays as it is, and you can still check it with your code."),
            "Yes, erase my contact details");

    private final String action;
    private final String heading;
    private final List<String> consequences;
    private final String confirm;

    StatusAct(String action, String heading, List<String> consequences, String confirm) {
        this.action = action;
        this.heading = heading;
        this.consequences = consequences;
        this.confirm = confirm;
    }

    public String action() {
        return action;
    }

    public String heading() {
        return heading;
    }

    /** What happens, in plain sentences, with the configured retention period filled in. */
    List<String> consequences(RetentionProperties retention) {
        return consequences.stream()
                .map(line -> line.contains("%d")
                        ? line.formatted(retention.declined().toDays())
                        : line)
                .toList();
    }

    public String confirm() {
        return confirm;
    }
}
