package org.newsdesk.publishing.page;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.CorrectionNotice;
import org.newsdesk.publishing.story.CorrectionNotices;
import org.newsdesk.web.time.OutletTime;

/**
 * One page of the corrections column as readers read it.
 *
 * @param nextHref the address of the following (older) page, or {@code null} on the last
 */
record CorrectionsView(
        List<Line> notices, boolean first, @Nullable String nextHref) {

    /**
     * A correction or withdrawal. A withdrawn story is named by its date only: its page says
     * nothing of it any more, and neither does the column.
     *
     * @param heading   the corrected story's headline, or "A story published on ..." when withdrawn
     * @param href      the story's page (a {@code 410} page when withdrawn)
     * @param at        the day it was corrected or withdrawn
     */
    record Line(boolean withdrawn, String heading, String href, OutletTime.Shown at, String text) {}

    static CorrectionsView of(
            CorrectionNotices.NoticePage page, boolean first, @Nullable String limit, OutletTime time) {
        List<Line> lines =
                page.items().stream().map(notice -> line(notice, time)).toList();
        String next = page.next() == null
                ? null
                : "/corrections?" + (limit == null || limit.isBlank() ? "" : "limit=" + limit.strip() + "&") + "cursor="
                        + page.next();
        return new CorrectionsView(lines, first, next);
    }

    private static Line line(CorrectionNotice notice, OutletTime time) {
        return new Line(
                notice.withdrawn(),
                notice.withdrawn()
                        ? "A story published on "
                                + time.longDay(notice.published()).text()
                        : notice.headline(),
                "/stories/" + notice.slug(),
                time.longDay(notice.at()),
                notice.text().strip());
    }
}
