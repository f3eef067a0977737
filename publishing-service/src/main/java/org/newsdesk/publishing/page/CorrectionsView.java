package org.newsdesk.publishing.page;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.CorrectionNotice;
import org.newsdesk.publishing.story.CorrectionNotices;

/**
 * One page of the corrections column as readers read it.
 *
 * @param nextHref the address of the following (older) page, or {@code null} on the last
 */
record CorrectionsView(
        List<Line> notices, boolean first, @Nullable String nextHref) {

    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

    /**
     * A correction or withdrawal. A withdrawn story is named by its date only: its page says
     * nothing of it any more, and neither does the column.
     *
     * @param heading   the corrected story's headline, or "A story published on ..." when withdrawn
     * @param href      the story's page (a {@code 410} page when withdrawn)
     * @param at        when, for {@code <time datetime>}
     * @param atHuman   when, for people
     */
    record Line(boolean withdrawn, String heading, String href, String at, String atHuman, String text) {}

    static CorrectionsView of(CorrectionNotices.NoticePage page, boolean first, @Nullable String limit, ZoneId zone) {
        List<Line> lines =
                page.items().stream().map(notice -> line(notice, zone)).toList();
        String next = page.next() == null
                ? null
                : "/corrections?" + (limit == null || limit.isBlank() ? "" : "limit=" + limit.strip() + "&") + "cursor="
                        + page.next();
        return new CorrectionsView(lines, first, next);
    }

    private static Line line(CorrectionNotice notice, ZoneId zone) {
        return new Line(
                notice.withdrawn(),
                notice.withdrawn() ? "A story published on " + human(notice.published(), zone) : notice.headline(),
                "/stories/" + notice.slug(),
                notice.at().toString(),
                human(notice.at(), zone),
                notice.text().strip());
    }

    static String human(Instant instant, ZoneId zone) {
        return HUMAN.format(instant.atZone(zone));
    }
}
