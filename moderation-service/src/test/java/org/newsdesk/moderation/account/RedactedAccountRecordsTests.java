package org.newsdesk.moderation.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedactedAccountRecordsTests {

    @Test
    void anIssuedLinkPrintsWhoItIsForButNotTheTokenThatSignsThemIn() {
        AccountDesk.IssuedLink link =
                new AccountDesk.IssuedLink("sam", "Sam Second", "a-one-time-token-0123456789", Instant.EPOCH);

        assertThat(link.toString()).contains("sam").doesNotContain("a-one-time-token-0123456789");
    }
}
