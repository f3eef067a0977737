package org.newsdesk.moderation.security;

import org.newsdesk.moderation.web.ModeratorPage;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

/** The sign-in form; Spring Security handles what it posts to {@code /login}. */
@ModeratorPage
class LoginPage {

    /** Where sign-in sends a wrong password: {@code /login?error}. */
    static final String WRONG_PASSWORD = "error";
    /** Where sign-in sends a client or account that failed too often. */
    static final String THROTTLED = "throttled";
    /** Where signing out lands. */
    static final String SIGNED_OUT = "signedOut";
    /** Where setting one's password lands (the account pages name it too). */
    static final String PASSWORD_SET = "passwordSet";

    private final ModeratorProperties settings;

    LoginPage(ModeratorProperties settings) {
        this.settings = settings;
    }

    /**
     * The messages are named by a bare query parameter ({@code /login?error}), which WebFlux binds
     * to {@code null} as if it were absent: so it is the parameter's presence that counts.
     */
    @GetMapping(ModeratorSecurityConfiguration.LOGIN)
    Rendering login(ServerHttpRequest request) {
        MultiValueMap<String, String> query = request.getQueryParams();
        return Rendering.view("login")
                .modelAttribute("error", query.containsKey(WRONG_PASSWORD))
                .modelAttribute("throttled", query.containsKey(THROTTLED))
                .modelAttribute("signedOut", query.containsKey(SIGNED_OUT))
                .modelAttribute("passwordSet", query.containsKey(PASSWORD_SET))
                // Failures refill over the window, so waiting that long always lets one try again.
                .modelAttribute(
                        "waitMinutes",
                        Math.max(1, settings.signIn().failureWindow().toMinutes()))
                .build();
    }

    /** The workspace starts at the queue. */
    @GetMapping("/")
    Rendering home() {
        return Rendering.redirectTo("/queue").build();
    }
}
