package org.newsdesk.moderation.security;

import org.newsdesk.moderation.web.ModeratorPage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;

/** The sign-in form; Spring Security handles what it posts to {@code /login}. */
@ModeratorPage
class LoginPage {

    @GetMapping(ModeratorSecurityConfiguration.LOGIN)
    Rendering login(
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String throttled,
            @RequestParam(required = false) String signedOut,
            @RequestParam(required = false) String passwordSet) {
        return Rendering.view("login")
                .modelAttribute("error", error != null)
                .modelAttribute("throttled", throttled != null)
                .modelAttribute("signedOut", signedOut != null)
                .modelAttribute("passwordSet", passwordSet != null)
                .build();
    }

    /** The workspace starts at the queue. */
    @GetMapping("/")
    Rendering home() {
        return Rendering.redirectTo("/queue").build();
    }
}
