package org.newsdesk.moderation.web;

import java.security.Principal;
import org.springframework.security.core.Authentication;

/**
 * Whether the person signed in is an editor, for what a page shows them. What they may do is
 * decided by the security rules on the paths, not here: a control a page hides is refused too.
 */
public final class Editors {

    private static final String AUTHORITY = "ROLE_EDITOR";

    private Editors() {}

    public static boolean isEditor(Principal principal) {
        return principal instanceof Authentication authentication
                && authentication.getAuthorities().stream()
                        .anyMatch(granted -> AUTHORITY.equals(granted.getAuthority()));
    }
}
