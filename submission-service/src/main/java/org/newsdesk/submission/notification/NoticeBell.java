package org.newsdesk.submission.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Rung by the receipts for each notice they write, so the relay sends it at its next tick, going
 * straight to that receipt rather than searching the store; and tells the receipts whether to
 * make notices at all.
 */
public final class NoticeBell {

    private final boolean accepting;
    private final ConcurrentLinkedQueue<DueNotice> rung = new ConcurrentLinkedQueue<>();

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

    /** The receipt of this tip now owes its resident this email. */
    public void ring(String tipId, NoticeKind kind) {
        rung.add(new DueNotice(tipId, kind));
    }

    /** The notices rung for since the last time this was asked. */
    List<DueNotice> answer() {
        List<DueNotice> due = new ArrayList<>();
        for (DueNotice next = rung.poll(); next != null; next = rung.poll()) {
            due.add(next);
        }
        return due;
    }

    /** Which email of which tip. */
    record DueNotice(String tipId, NoticeKind kind) {}
}
