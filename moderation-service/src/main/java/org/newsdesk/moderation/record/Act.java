package org.newsdesk.moderation.record;

/** The kinds of editorial act the newsroom answers for, as the record and its filters name them. */
public enum Act {
    SIGNED_IN,
    SIGN_IN_FAILED,
    SIGN_IN_THROTTLED,
    SIGNED_OUT,
    CLAIMED,
    RELEASED,
    EDITED,
    HELD,
    DECIDED,
    CORRECTED,
    RETRACTED,
    /** A moderator was shown a resident's contact details: who looked at which source, and when. */
    CONTACT_SHOWN,
    ACCOUNT_ADDED,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    ROLE_CHANGED,
    PASSWORD_LINK_ISSUED,
    PASSWORD_SET,
    PASSWORD_CHANGED
}
