package org.newsdesk.moderation.record;

import java.time.Instant;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One line of the newsroom's record: who did what, when, to which tip, and why. Lines are only
 * ever added, never changed or removed.
 *
 * @param id      unique and chosen by whoever records the act, so that recording the same act
 *                twice (a retry, a redelivery) leaves one line
 * @param actor   the account that acted, or {@code null} for an act nobody could be named for
 *                (a failed sign-in to an account that does not exist)
 * @param tipId   the tip acted on, when the act concerns one
 * @param detail  what changed and why, in words an editor reads; never a password, a contact
 *                detail or anything else the record must not keep
 * @param eventId the id of the event that announced the act to the rest of Newsdesk, if one did
 * @param recordedAt when the line reached the record (set by {@link EditorialRecord#append}): an act
 *                is recorded after it happened, later still after a crash, so instances that keep
 *                the record's order learn each other's lines by this, not by {@code at}
 */
@Document(EditorialAct.COLLECTION)
public record EditorialAct(
        @Id String id,
        Instant at,
        String actor,
        Act act,
        String tipId,
        String detail,
        String eventId,
        Instant recordedAt) {

    public static final String COLLECTION = "editorial_acts";
    public static final String AT = "at";
    public static final String ACTOR = "actor";
    public static final String ACT = "act";
    public static final String TIP_ID = "tipId";
    public static final String RECORDED_AT = "recordedAt";

    @PersistenceCreator
    public EditorialAct {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(act, "act");
    }

    /** An act about to be recorded. */
    public EditorialAct(String id, Instant at, String actor, Act act, String tipId, String detail, String eventId) {
        this(id, at, actor, act, tipId, detail, eventId, null);
    }

    EditorialAct recordedAt(Instant when) {
        return new EditorialAct(id, at, actor, act, tipId, detail, eventId, when);
    }
}
