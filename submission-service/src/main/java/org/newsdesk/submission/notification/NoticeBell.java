package org.newsdesk.submission.notification;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rung by the receipts when they wrote a new notice, so the relay looks for it at its next tick
 * rather than at its next sweep; and tells the receipts whether to make notices at all.
 */
public final class NoticeBell {

    private final boolean accepting;
    private final AtomicBoolean rung = new AtomicBoolean();

    NoticeBell(boolean accepting) {
        this.accepting = accepting;
    }

    /**
     * Whether emails go anywhere (an SMTP server, or the drop folder): without either no notice is
     * made, so none piles up that a later configuration would send months late.
     */
    public boolean accepting() {
        return accepting;
    }

    public void ring() {
        rung.set(true);
    }

    /** Whether the bell rang since the last time this was asked. */
    boolean answer() {
        return rung.getAndSet(false);
    }
}
