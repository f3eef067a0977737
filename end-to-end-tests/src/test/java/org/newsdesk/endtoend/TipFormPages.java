package org.newsdesk.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The tip form as a resident's browser reads it: the token a post of it carries, and the receipt on the page after. */
public final class TipFormPages {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile("id=\"receipt\"[^>]*>([0-9A-Z-]{19})<");

    private TipFormPages() {}

    /** The form's token, from a fresh copy of the form. */
    public static String formToken(WebTestClient submission) {
        String form = submission
                .get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Matcher token = FORM_TOKEN.matcher(form);
        assertThat(token.find()).as("a form token on the form").isTrue();
        return token.group(1);
    }

    /** The receipt code on the page the form's post answered with. */
    public static String receiptOn(String page) {
        Matcher receipt = RECEIPT.matcher(page);
        assertThat(receipt.find()).as("a receipt on the page").isTrue();
        return receipt.group(1);
    }
}
