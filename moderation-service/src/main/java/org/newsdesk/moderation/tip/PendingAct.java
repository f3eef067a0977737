package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.UUID;
import org.newsdesk.moderation.record.Act;
import org.newsdesk.moderation.record.EditorialAct;

/**
 * An editorial act written into the tip in the same single-document write as the change it
 * records, waiting to be moved to the editorial record ({@link EditorialRecordRelay}). Its id is
 * fixed here, so moving it twice (a retry, a crash between the record's insert and the tip's clean-up)
 * still leaves one line in the record.
 */
record PendingAct(String actId, Instant at, String actor, Act act, String detail, String eventId) {

    static PendingAct of(Instant at, String actor, Act act, String detail, String eventId) {
        return new PendingAct(UUID.randomUUID().toString(), at, actor, act, detail, eventId);
    }

    EditorialAct on(String tipId) {
        return new EditorialAct(actId, at, actor, act, tipId, detail, eventId);
    }
}
