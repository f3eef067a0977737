package org.newsdesk.moderation.record;

import java.time.Instant;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Which lines of the record an editor asks for; every part is optional.
 *
 * @param from the first instant to include
 * @param to   the first instant no longer included
 */
public record AuditFilter(String actor, Act act, Instant from, Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null);

    Criteria criteria() {
        Criteria criteria = new Criteria();
        if (actor != null) {
            criteria = criteria.and(EditorialAct.ACTOR).is(actor);
        }
        if (act != null) {
            criteria = criteria.and(EditorialAct.ACT).is(act);
        }
        if (from != null || to != null) {
            Criteria at = criteria.and(EditorialAct.AT);
            if (from != null) {
                at = at.gte(from);
            }
            if (to != null) {
                at = at.lt(to);
            }
        }
        return criteria;
    }

    boolean matches(String lineActor, Act lineAct, Instant at) {
        return (actor == null || actor.equals(lineActor))
                && (act == null || act == lineAct)
                && (from == null || !at.isBefore(from))
                && (to == null || at.isBefore(to));
    }
}
