package org.newsdesk.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** A moderator signed in to the pages through the login form, as a browser would: a session cookie and a CSRF token. */
public record PageSession(String cookie, String csrf) {

    public static final String COOKIE = "NEWSDESK_MODERATION";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The login page's session and token, before anyone signed in. */
    public static PageSession anonymous(WebTestClient web) {
        EntityExchangeResult<String> login = web.get()
                .uri("/login")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        ResponseCookie cookie = login.getResponseCookies().getFirst(COOKIE);
        assertThat(cookie).as("session cookie of the login page").isNotNull();
        return new PageSession(cookie.getValue(), csrfIn(login.getResponseBody()));
    }

    public static PageSession signIn(WebTestClient web, String username, String password) {
        PageSession before = anonymous(web);
        EntityExchangeResult<byte[]> signedIn = before.post(web, "/login")
                .body(BodyInserters.fromFormData("username", username)
                        .with("password", password)
                        .with("_csrf", before.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/queue")
                .expectBody()
                .returnResult();
        ResponseCookie cookie = signedIn.getResponseCookies().getFirst(COOKIE);
        assertThat(cookie).as("a new session id at sign-in").isNotNull();
        PageSession session = new PageSession(cookie.getValue(), null);
        return new PageSession(cookie.getValue(), csrfIn(session.page(web, "/queue")));
    }

    /** The page's HTML, which must answer 200. */
    public String page(WebTestClient web, String uri, Object... variables) {
        return get(web, uri, variables)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    public WebTestClient.RequestHeadersSpec<?> get(WebTestClient web, String uri, Object... variables) {
        return web.get().uri(uri, variables).cookie(COOKIE, cookie).accept(MediaType.TEXT_HTML);
    }

    public WebTestClient.RequestBodySpec post(WebTestClient web, String uri, Object... variables) {
        return web.post()
                .uri(uri, variables)
                .cookie(COOKIE, cookie)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE);
    }

    public static String csrfIn(String html) {
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }
}
