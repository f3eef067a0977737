package org.newsdesk.web.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The services' console lines: Boot's pattern (whose message, thread and stack trace converters
 * redact, see {@code newsdesk-logback.xml}), or, when {@code logging.structured.format.console}
 * names a format ({@code ecs}, {@code logstash}, {@code gelf}), one JSON object per line from
 * Boot's own structured encoder, made from the event as {@link RedactedLoggingEvent} shows it: a
 * log pipeline gets no more addresses or receipt codes than the plain text has.
 *
 * <p>Boot picks its structured console appender only for its own default configuration; a service
 * with a {@code logback-spring.xml} of its own, as each of ours, has to choose for itself.
 */
public class NewsdeskConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern;
    private String structuredFormat;
    private Charset charset;
    private Encoder<ILoggingEvent> chosen;
    private boolean structured;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** Blank, or what Logback writes for a variable that is not set, for plain text. */
    public void setStructuredFormat(String structuredFormat) {
        this.structuredFormat = structuredFormat;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        structured =
                structuredFormat != null && !structuredFormat.isBlank() && !structuredFormat.endsWith("_IS_UNDEFINED");
        if (structured) {
            StructuredLogEncoder json = new StructuredLogEncoder();
            json.setContext(getContext());
            json.setFormat(structuredFormat.trim());
            json.setCharset(charset);
            chosen = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.setCharset(charset);
            chosen = text;
        }
        chosen.start();
        super.start();
    }

    @Override
    public void stop() {
        if (chosen != null) {
            chosen.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return chosen.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return chosen.encode(structured ? new RedactedLoggingEvent(event) : event);
    }

    @Override
    public byte[] footerBytes() {
        return chosen.footerBytes();
    }
}
