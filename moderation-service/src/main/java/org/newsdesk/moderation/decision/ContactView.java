package org.newsdesk.moderation.decision;

import java.time.Instant;
import org.newsdesk.events.ContactErased;
import org.newsdesk.privacy.ContactDetails;

/**
 * What the tip page shows where the resident's contact details go: the details themselves, opened
 * for this one page, or why they are not there. Held in memory for the page only; its string form
 * leaves the details out.
 *
 * @param details   the details in clear, only when {@link Status#SHOWN}
 * @param erasedAt  when they were erased, when this service was told
 * @param erasedBy  the resident or retention, likewise
 */
record ContactView(Status status, ContactDetails details, Instant erasedAt, ContactErased.Cause erasedBy) {

    enum Status {
        /** The resident left no way to reach them. */
        ANONYMOUS,
        /** Opened for the moderator, and on the tip's history. */
        SHOWN,
        /** Erased: the tip keeps them no more, or their key is gone. */
        ERASED,
        /** Kept, but they do not open here (a master key this service was not given, or damaged bytes). */
        UNOPENABLE
    }

    static final ContactView ANONYMOUS_RESIDENT = new ContactView(Status.ANONYMOUS, null, null, null);
    static final ContactView UNOPENABLE_HERE = new ContactView(Status.UNOPENABLE, null, null, null);

    static ContactView shown(ContactDetails details) {
        return new ContactView(Status.SHOWN, details, null, null);
    }

    static ContactView erased(Instant at, ContactErased.Cause by) {
        return new ContactView(Status.ERASED, null, at, by);
    }

    public boolean byResident() {
        return erasedBy == ContactErased.Cause.RESIDENT;
    }

    public boolean byRetention() {
        return erasedBy == ContactErased.Cause.RETENTION;
    }

    @Override
    public String toString() {
        return "ContactView[" + status + "]";
    }
}
