package org.newsdesk.web.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class LogRedactionTests {

    private static final String CODE = "K7Q2-M9XD-4HRT-PW3C";

    @Test
    void reactorNettysLineForAnUndecodableRequestKeepsNeitherAddressNorCode() {
        // Given the line Reactor Netty logs for GET /api/tips/{receipt} with Content-Length: abc
        String line = "[c47cf65e, L:/127.0.0.1:18081 - R:/192.0.2.77:58800] Decoding failed: REQUEST(decodeResult: "
                + "failure(java.lang.IllegalArgumentException: Content-Length value is not a number: abc), version: "
                + "HTTP/1.1)\nGET /api/tips/" + CODE + " HTTP/1.1\nHost: <filtered>";

        // When it is redacted
        String redacted = LogRedaction.redact(line);

        // Then the connection and the request stay recognisable, without the addresses or the code
        assertThat(redacted)
                .isEqualTo("[c47cf65e, L:/{address}:18081 - R:/{address}:58800] Decoding failed: REQUEST(decodeResult: "
                        + "failure(java.lang.IllegalArgumentException: Content-Length value is not a number: abc), "
                        + "version: HTTP/1.1)\nGET /api/tips/{receipt} HTTP/1.1\nHost: <filtered>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/tips/K7Q2-M9XD-4HRT-PW3C",
                "/api/tips/K7Q2M9XD4HRTPW3C/withdrawal",
                "/api/tips/k7q2m9xd4hrtpw3c",
                "/api/tips/k7Q2-m9xD-4hrt-PW3C",
                "/api/tips/K7Q2%20M9XD%204HRT%20PW3C",
                "/api/tips/K7Q2%2DM9XD%2D4HRT%2DPW3C",
                "/api/tips/%4B7Q2M9XD4HRTPW3C%2F",
                "/api/tips/%20K7Q2M9XD4HRTPW3C",
                "code K7Q2 M9XD 4HRT PW3C was typed",
                "the code (K7Q2-M9XD-4HRT-PW3C).",
                "/api/tips/K7Q2-M9XD-4HRT-PW3C?x=1",
                "k-7-q-2-m-9-x-d-4-h-r-t-p-w-3-c",
                "/api/tips/K7Q2-M9XD-4HRT-PW3C-and-more",
                "/api/tips/x-K7Q2-M9XD-4HRT-PW3C",
                "0O1IL23456789ABC"
            })
    void aReceiptCodeIsRedactedHoweverItIsTyped(String typed) {
        assertThat(LogRedaction.redact("Looking up " + typed + " failed"))
                .contains(LogRedaction.RECEIPT)
                .doesNotContainIgnoringCase("K7Q2")
                .doesNotContainIgnoringCase("PW3C")
                .doesNotContain("0O1IL23456789ABC");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "203.0.113.7",
                "[2001:db8::17]:4711",
                "2001:db8:0:0:0:0:2:1",
                "0:0:0:0:0:0:0:1%0",
                "::1",
                "::ffff:198.51.100.4",
                "fe80::1ff:fe23:4567:890a%eth0"
            })
    void anIpLiteralIsRedacted(String address) {
        String redacted = LogRedaction.redact("client /" + address + ":5123 went away");
        assertThat(redacted).contains(LogRedaction.ADDRESS).doesNotContain(address.replaceAll("%.*", ""));
        assertThat(redacted).doesNotContainPattern("\\d+\\.\\d+\\.\\d+\\.\\d+");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Tip 6f1c2d4e-8a9b-4c3d-9e8f-7a6b5c4d3e2f joined the moderation queue",
                "Relaying the outbox of tips/6f1c2d4e-8a9b-4c3d-9e8f-7a6b5c4d3e2f at 2026-12-05T15:12:58.535Z",
                "next try at 15:12:58, digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "at org.newsdesk.Relay.registerListener(Relay.java:42)",
                "Started SubmissionApplication in 31.208 seconds on port 8081 with Kafka 4.2.1",
                "Sending newsdesk.tips.submitted-0@17 (key abc) to its dead-letter topic: java.io.IOException",
                "MongoClient at mongo:27017, kafka:9092, method reference Type::method",
                "GET /api/tips/{redacted} failed: IllegalStateException"
            })
    void everythingElseIsLeftAsItWas(String line) {
        assertThat(LogRedaction.redact(line)).isEqualTo(line);
    }

    @Test
    void aRequestLineOfAnyLengthIsRedactedWithoutFailing() {
        // Given request lines far longer than any real one, one of them with a code at its end
        String letters = "a".repeat(200_000);
        String escapes = "%41".repeat(100_000);
        String spaced = "Abcd ".repeat(50_000);

        // When they are redacted, then each comes back whole, the code taken out
        assertThat(LogRedaction.redact("GET /" + letters + " HTTP/1.1")).isEqualTo("GET /" + letters + " HTTP/1.1");
        assertThat(LogRedaction.redact("GET /" + escapes + " HTTP/1.1")).isEqualTo("GET /" + escapes + " HTTP/1.1");
        assertThat(LogRedaction.redact(spaced)).isEqualTo(spaced);
        assertThat(LogRedaction.redact("GET /" + letters + "/" + CODE + " HTTP/1.1"))
                .isEqualTo("GET /" + letters + "/{receipt} HTTP/1.1");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theSharedConfigurationPrintsMessagesAndStackTracesRedacted(CapturedOutput output) throws JoranException {
        // Given Logback configured as the services configure it
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream("""
                <configuration>
                    <include resource="org/newsdesk/web/logging/newsdesk-logback.xml"/>
                </configuration>
                """.getBytes(StandardCharsets.UTF_8)));
        Logger logger = context.getLogger("reactor.netty.http.server.HttpServerOperations");

        // When a framework logs, on a thread named for an address, a line and a failure that quote a client's
        // address and a receipt code
        String threadName = Thread.currentThread().getName();
        Thread.currentThread().setName("[203.0.113.40:27017]");
        logger.warn(
                "[c47cf65e, L:/127.0.0.1:8081 - R:/{}:58800] Decoding failed: GET /api/tips/{} HTTP/1.1",
                "198.51.100.23",
                CODE,
                new IllegalStateException(
                        "Refused " + CODE + " from 198.51.100.23",
                        new IllegalArgumentException("cause quotes /api/tips/" + CODE.toLowerCase())));
        Thread.currentThread().setName(threadName);
        context.stop();

        // Then the line, the failure and its cause are printed, without either
        assertThat(output.getOut())
                .contains("Decoding failed: GET /api/tips/{receipt} HTTP/1.1")
                .contains("java.lang.IllegalStateException: Refused {receipt} from {address}")
                .contains("Caused by: java.lang.IllegalArgumentException: cause quotes /api/tips/{receipt}")
                .contains("address}:27017]")
                .doesNotContain("198.51.100.23")
                .doesNotContain("203.0.113.40")
                .doesNotContain("127.0.0.1")
                .doesNotContainIgnoringCase("K7Q2");
    }
}
