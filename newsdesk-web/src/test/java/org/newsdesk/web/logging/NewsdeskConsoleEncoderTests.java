package org.newsdesk.web.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console's lines as plain text or, with a structured format named, JSON that is redacted as the text is. */
class NewsdeskConsoleEncoderTests {

    private static final String RECEIPT = "K7Q2-M9XD-4HRT-PW3C";

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Logger logger = context.getLogger("newsdesk.test");

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void withAStructuredFormatEachLineIsOneJsonObjectWithoutAddressesOrReceiptCodes() {
        // Given the console set to ECS, as LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs sets it
        start("ecs");

        // When a line quotes a client's address and a receipt code, with a failure that does too
        logger.warn(
                "Refused /203.0.113.7:5123 asking for {}",
                RECEIPT,
                new IllegalStateException("client 203.0.113.7 sent " + RECEIPT, new RuntimeException(RECEIPT)));

        // Then the line is JSON, and neither the message nor the stack trace holds either
        String line = written.toString(StandardCharsets.UTF_8).strip();
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.get("message").asString())
                .isEqualTo("Refused /" + LogRedaction.ADDRESS + ":5123 asking for " + LogRedaction.RECEIPT);
        assertThat(json.get("log").get("level").asString()).isEqualTo("WARN");
        assertThat(line)
                .contains("IllegalStateException")
                .doesNotContain("203.0.113.7")
                .doesNotContain(RECEIPT);
    }

    @Test
    void withoutAStructuredFormatLinesFollowThePattern() {
        // Given no structured format: Logback leaves an unset variable's name in its place
        start("CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED");

        // When a line is logged
        logger.info("Tip {} stored", "t-1");

        // Then it is the pattern's text
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("INFO Tip t-1 stored\n");
    }

    private void start(String structuredFormat) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        NewsdeskConsoleEncoder encoder = new NewsdeskConsoleEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.setStructuredFormat(structuredFormat);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }
}
