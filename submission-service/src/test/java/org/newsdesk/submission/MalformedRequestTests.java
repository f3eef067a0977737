package org.newsdesk.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests no browser or app of ours sends, each of which once got a 500: every one is the
 * sender's mistake, and is answered with a 4xx. A person at the form or the status page (who asks
 * for HTML) gets a page, never problem details; an API client gets problem details.
 */
@SubmissionIntegrationTest
class MalformedRequestTests {

    private static final String NOT_A_PHOTO = "GIF89a, or so it says";

    @Autowired
    WebTestClient web;

    static Stream<Arguments> unreadableForms() {
        String form = form("x", "");
        return Stream.of(
                Arguments.of("no boundary", "multipart/form-data", form),
                Arguments.of("a boundary that does not match the body", "multipart/form-data; boundary=y", form),
                Arguments.of(
                        "a quoted boundary with an escaped quote",
                        "multipart/form-data; boundary=\"a\\\"b\"",
                        form("a\"b", "")),
                Arguments.of("bare \\n line ends", "multipart/form-data; boundary=x", form.replace("\r\n", "\n")),
                Arguments.of("an empty body", "multipart/form-data; boundary=x", ""),
                Arguments.of(
                        "a body without any boundary",
                        "multipart/form-data; boundary=x",
                        "headline=Lights+out&body=On+Derby+Road"),
                Arguments.of(
                        "a part without a name",
                        "multipart/form-data; boundary=x",
                        form("x", part("x", "Content-Disposition: form-data", "Lights out"))),
                Arguments.of(
                        "a part without name= in its Content-Disposition",
                        "multipart/form-data; boundary=x",
                        form("x", part("x", "Content-Disposition: form-data; filename=\"bus.jpg\"", NOT_A_PHOTO))),
                Arguments.of(
                        "a part without a Content-Disposition",
                        "multipart/form-data; boundary=x",
                        form("x", part("x", "Content-Type: text/plain", "Lights out"))),
                Arguments.of(
                        "a photo part with a file name that is no RFC 5987 encoding",
                        "multipart/form-data; boundary=x",
                        form(
                                "x",
                                part(
                                        "x",
                                        "Content-Disposition: form-data; name=\"photos\"; filename*=UTF-8''%ZZ.jpg",
                                        NOT_A_PHOTO))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableForms")
    void aTipFormThatCannotBeReadIsAnsweredWithAPage(String mistake, String contentType, String body) {
        // Given a tip form sent as no browser sends one
        // When it arrives
        String page = postHtml("/tips", contentType, body)
                // Then the resident gets a page, with a client error, saying what to do
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("We could not read your tip", "send it again", "href=\"/\"")
                .doesNotContain("id=\"receipt\"");
    }

    @Test
    void aFileWhereTextBelongsIsAnsweredWithAPage() {
        // Given a form whose name field comes as a file
        String body =
                form("x", part("x", "Content-Disposition: form-data; name=\"name\"; filename=\"name.txt\"", "Angela"));

        // When it is sent
        // Then the resident gets a page saying what to do
        postHtml("/tips", "multipart/form-data; boundary=x", body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("We could not read your tip"));
    }

    @ParameterizedTest(name = "file name {0}")
    @ValueSource(
            strings = {
                "filename=\"bus\r\nshelter.jpg\"",
                "filename*=UTF-8''bus%0D%0Ashelter.jpg",
                "filename=\"..\\\\..\\\\bus\\\"shelter.jpg\""
            })
    void aPhotoWhoseFileNameIsOddIsRefusedOnTheFormWithTheNameShownPlainly(String fileName) {
        // Given a complete form and a photo whose file name carries line ends, folders or quotes
        String body = form(
                "x",
                part(
                        "x",
                        "Content-Disposition: form-data; name=\"photos\"; " + fileName + "\r\nContent-Type: image/jpeg",
                        NOT_A_PHOTO));

        // When it is sent
        String page = postHtml("/tips", "multipart/form-data; boundary=x", body)
                // Then the form comes back, refusing the file for what it is, and the name shows no line end
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("id=\"photos-error\"", "is not a photo we can take", "value=\"Lights out on Derby Road\"")
                .doesNotContain("bus\r\n", "bus\n", "id=\"receipt\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"receipt=%ZZ", "receipt=%%%%", "receipt=K7Q2%"})
    void aStatusFormThatCannotBeReadIsAnsweredWithTheStatusPage(String body) {
        // Given a status form whose encoding is broken
        // When it is sent
        String page = postHtml("/status", MediaType.APPLICATION_FORM_URLENCODED_VALUE, body)
                // Then the resident gets the status page again, asking for the code
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains(
                        "Please check your code",
                        "We could not read what your browser sent",
                        "name=\"receipt\"",
                        "aria-invalid=\"true\"");
    }

    @Test
    void anEmptyMultipartStatusFormIsAnsweredWithTheStatusPage() {
        // Given a status form sent as multipart, empty, or with no field at all
        for (String body : new String[] {"", "--x--\r\n"}) {
            // When it is sent
            // Then the status page comes back, asking for the code
            postHtml("/status", "multipart/form-data; boundary=x", body)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class)
                    .value(page -> assertThat(page).contains("Please check your code"));
        }
    }

    @Test
    void aStatusFormWithoutACodeAsksForOneWithoutCountingAGuess() {
        // Given one client, and a code that is blank
        String client = DistinctClients.randomClient();

        // When it sends the blank code more often than it may guess
        for (int i = 0; i < 40; i++) {
            web.post()
                    .uri("/status")
                    .header("X-Forwarded-For", client)
                    .accept(MediaType.TEXT_HTML)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("receipt=++")
                    .exchange()
                    // Then each time it is asked for its code
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .value(page -> assertThat(page).contains("Type the receipt code you got when you sent your tip"));
        }
        // And none of them was a guess
        web.post()
                .uri("/status")
                .header("X-Forwarded-For", client)
                .accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("receipt=K7Q2-M9XD-4HRT-PW3C")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aJsonTipDeclaredAsMultipartIsABadRequest() {
        // Given a JSON tip whose Content-Type says it is multipart
        // When it is sent
        web.post()
                .uri("/api/tips")
                .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=x")
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(TipJson.complete()).getBytes(StandardCharsets.UTF_8))
                .exchange()
                // Then it is a bad request, in problem details
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The request body is not well-formed multipart/form-data (RFC 7578).");
    }

    @Test
    void jsonWithAnOverlongSlashIsABadRequest() {
        // Given a tip whose headline hides a "/" as the overlong UTF-8 bytes C0 AF
        byte[] tip = TipJson.write(Map.of("headline", "Lights out on Derby Road @@", "body", "For a week."))
                .getBytes(StandardCharsets.UTF_8);
        String text = new String(tip, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("@@");
        tip[at] = (byte) 0xC0;
        tip[at + 1] = (byte) 0xAF;

        // When it is sent
        // Then it is refused as not UTF-8, not stored with a "/"
        postJson(tip).jsonPath("$.detail").isEqualTo("The request body is not valid UTF-8 text.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"headline\": \"Lights out\", \"body\": \"For a week.\", \"headline\": \"Other\"}",
                "{\"headline\": \"Lights out\", \"body\": \"For a week.\"} {\"more\": true}",
                "{\"headline\": \"Lights out\", \"body\": \"For a week.\"}garbage"
            })
    void jsonWithDuplicateKeysOrTrailingGarbageIsABadRequest(String json) {
        postJson(json.getBytes(StandardCharsets.UTF_8))
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).startsWith("The request body"));
    }

    private WebTestClient.ResponseSpec postHtml(String path, String contentType, String body) {
        return web.post()
                .uri(path)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .accept(MediaType.TEXT_HTML)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    private WebTestClient.BodyContentSpec postJson(byte[] json) {
        return web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    /** A complete, valid tip form as a browser writes it, with {@code more} parts before its end. */
    private static String form(String boundary, String more) {
        StringBuilder body = new StringBuilder();
        Map.of(
                        "headline",
                        "Lights out on Derby Road",
                        "body",
                        "Half the street lights have been out for a week.",
                        "area",
                        "Ilkeston",
                        "category",
                        "Community safety")
                .forEach((name, value) ->
                        body.append(part(boundary, "Content-Disposition: form-data; name=\"" + name + "\"", value)));
        return body + more + "--" + boundary + "--\r\n";
    }

    private static String part(String boundary, String headers, String content) {
        return "--" + boundary + "\r\n" + headers + "\r\n\r\n" + content + "\r\n";
    }
}
