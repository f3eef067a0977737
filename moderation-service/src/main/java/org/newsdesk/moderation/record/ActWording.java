package org.newsdesk.moderation.record;

import java.util.Map;

/** How the record's pages name each kind of act for people, not as the API does. */
public final class ActWording {

    private static final Map<Act, String> SPECIAL = Map.of(
            Act.SIGN_IN_FAILED, "Sign-in failed",
            Act.SIGN_IN_THROTTLED, "Sign-in slowed down",
            Act.HELD, "Put on hold",
            Act.RETRACTED, "Withdrawn",
            Act.CONTACT_SHOWN, "Contact details seen",
            Act.PASSWORD_LINK_ISSUED, "Set-password link issued");

    private ActWording() {}

    /** "Corrected", "Account added": the kind's own name in words, unless it reads better otherwise. */
    public static String of(Act act) {
        String special = SPECIAL.get(act);
        if (special != null) {
            return special;
        }
        String words = act.name().toLowerCase().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
