package org.newsdesk.moderation.security;

import org.newsdesk.moderation.web.ModeratorPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security handles what it posts to {@code /login}. */
@ModeratorPage
class LoginPage {

    @GetMapping(ModeratorSecurityConfiguration.LOGIN)
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String throttled,
            @RequestParam(required = false) String signedOut, Model model) {
        model.addAttribute("error", error != null);
        model.addAttribute("throttled", throttled != null);
        model.addAttribute("signedOut", signedOut != null);
        return "login";
    }

    /** The workspace starts at the queue. */
    @GetMapping("/")
    String home() {
        return "redirect:/queue";
    }
}
