package org.newsdesk.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Reactor Netty warns about a request it cannot decode, naming the connection by both its ends and
 * quoting the request line: a resident's address and receipt code, were the shared log layout
 * (newsdesk-web's {@code newsdesk-logback.xml}) not to print them redacted.
 */
@SubmissionIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class UndecodableRequestLogTests {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Test
    void theFrameworksWarningAboutAnUndecodableLookupNamesNeitherTheClientNorTheCode(CapturedOutput output)
            throws IOException {
        // Given a resident with a receipt
        String receipt = (String) web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(TipJson.complete()))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody()
                .get("receipt");

        // When their client looks it up, typed in several ways, with a Content-Length that is no number
        for (String typed :
                new String[] {receipt, receipt.replace("-", "").toLowerCase(Locale.ROOT), receipt.replace("-", "%20")
                }) {
            String answer = send("GET /api/tips/" + typed + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n"
                    + "Connection: close\r\n\r\n");
            // Then it is refused
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
        // And the framework said so, without the client's address or the code
        assertThat(output.getOut()).contains("Decoding failed").contains("GET /api/tips/{receipt} HTTP/1.1");
        String log = output.getAll();
        assertThat(log).doesNotContain("127.0.0.1");
        assertThat(log.toUpperCase(Locale.ROOT)).doesNotContain(receipt).doesNotContain(receipt.replace("-", ""));
        assertThat(log).doesNotContain(receipt.replace("-", "%20"));
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
