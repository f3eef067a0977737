package org.newsdesk.submission.notification;

/**
 * What a resident is told by email, once each per tip: the only three things they hear about. A
 * hold, a withdrawal, a correction or a retraction sends nothing.
 */
public enum NoticeKind {
    /** Their tip is now a story: the email links to it. */
    PUBLISHED,
    /** The moderators declined it: the email gives the reason they wrote for the resident. */
    DECLINED,
    /** Another tip told the same news and that tip's story covers theirs: the email links to it. */
    COVERED
}
