package org.newsdesk.submission;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The tip form as a browser without JavaScript sends it, for tests of the form and of what follows it. */
public final class TipFormPosts {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile("id=\"receipt\"[^>]*>([^<]+)<");

    private TipFormPosts() {}

    /** Every field of the form filled in as a resident would, from the outlet's real story. */
    public static Map<String, String> complete() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("headline", "Police and Crime Commissioner welcomes continuous progress in victim support");
        fields.put("body", (String) TipJson.complete().get("body"));
        fields.put("area", "Ilkeston");
        fields.put("happenedOn", "2023-07-26");
        fields.put("category", "Community safety");
        fields.put("name", "Angela Resident");
        fields.put("email", "angela@example.org");
        fields.put("phone", "+44 115 496 0000");
        fields.put("contactConsent", "yes");
        fields.put("website", "");
        return fields;
    }

    /** The one-time token of a freshly served form. */
    public static String formToken(WebTestClient web) {
        String page = web.get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Matcher token = FORM_TOKEN.matcher(page);
        if (!token.find()) {
            throw new AssertionError("The form has no token: " + page);
        }
        return token.group(1);
    }

    public static MultipartBodyBuilder multipart(Map<String, String> fields) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        fields.forEach(body::part);
        return body;
    }

    /** A photo input left empty, as some browsers send it: a file part with an empty name and nothing in it. */
    public static void emptyPhotoInput(MultipartBodyBuilder body, String name) {
        body.part(name, new byte[0])
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .headers(headers -> headers.setContentDisposition(
                        ContentDisposition.formData().name(name).filename("").build()));
    }

    public static WebTestClient.ResponseSpec post(WebTestClient web, MultipartBodyBuilder body) {
        return web.post()
                .uri("/tips")
                .accept(MediaType.TEXT_HTML)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(body.build())
                .exchange();
    }

    /** The receipt code on a receipt page, or {@code null} when the page shows none. */
    public static String receiptOn(String page) {
        Matcher receipt = RECEIPT.matcher(page);
        return receipt.find() ? receipt.group(1).strip() : null;
    }
}
