package org.newsdesk.moderation.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import org.newsdesk.web.paging.PageLimit;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which lines of the record an editor asks for: the API's query, the audit page's filter form and
 * the CSV export's link alike. Empty fields, as a form sends them, filter nothing.
 *
 * @param limit  how many lines, when not {@value #PAGE_ITEMS}
 * @param cursor where the previous page ended; from the newest line when not given
 * @param actor  only this account's acts (its user name)
 * @param act    only acts of this kind
 * @param from   only acts on or after this day, in the outlet's zone
 * @param to     only acts on or before this day, in the outlet's zone
 */
record AuditQuery(
        @PageLimit(max = MOST_ITEMS) String limit,

        @Valid AuditPosition cursor,

        @Size(max = MAX_ACTOR, message = "must be at most {max} characters")
        String actor,

        Act act,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

    static final int MOST_ITEMS = 500;
    static final int PAGE_ITEMS = 50;
    static final int MAX_ACTOR = 200;

    AuditQuery {
        actor = actor == null || actor.isBlank() ? null : actor.strip();
    }

    AuditFilter filter(ZoneId zone) {
        return new AuditFilter(
                actor,
                act,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The filters as a query string for a link, {@code cursor} for the page it leads to (none when null). */
    String link(String path, String nextCursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        if (limit != null && !limit.isBlank()) {
            link.queryParam("limit", limit);
        }
        if (actor != null) {
            link.queryParam("actor", actor);
        }
        if (act != null) {
            link.queryParam("act", act.name());
        }
        if (from != null) {
            link.queryParam("from", from);
        }
        if (to != null) {
            link.queryParam("to", to);
        }
        if (nextCursor != null) {
            link.queryParam("cursor", nextCursor);
        }
        return link.encode().build().toUriString();
    }
}
