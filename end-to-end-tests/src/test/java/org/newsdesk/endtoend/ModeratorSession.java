package org.newsdesk.endtoend;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moderator signed in on the moderators' pages as a browser is: the session cookie and the CSRF
 * token the pages' forms carry.
 *
 * @param session the session cookie's value
 * @param csrf    the CSRF token of the page the sign-in led to
 */
public record ModeratorSession(HttpClient browser, String baseUrl, String session, String csrf) {

    /** The moderators' session cookie, as the moderation service names it. */
    public static final String SESSION_COOKIE = "NEWSDESK_MODERATION";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static ModeratorSession signIn(String baseUrl, String user, String password)
            throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String login = browser.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf(login), StandardCharsets.UTF_8);
        String landing = browser.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String session = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(SESSION_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Not signed in"));
        return new ModeratorSession(browser, baseUrl, session, csrf(landing));
    }

    /**
     * The same browser and session on another instance of the service at the same host, as when a
     * load balancer sends the moderator's next request elsewhere: the cookie goes with it.
     */
    public ModeratorSession at(String otherBaseUrl) {
        return new ModeratorSession(browser, otherBaseUrl, session, csrf);
    }

    /** A page as the signed-in moderator's browser gets it. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return token.group(1);
    }

    /** Its session cookie does not print: it signs in whoever holds it. */
    @Override
    public String toString() {
        return "ModeratorSession[" + baseUrl + "]";
    }
}
