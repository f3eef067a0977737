package org.newsdesk.web.logging;

import ch.qos.logback.classic.pattern.ThreadConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %t} and {@code %thread}: a thread may be named for the address it talks to, as MongoDB's monitors are. */
public class RedactedThreadConverter extends ThreadConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogRedaction.redact(super.convert(event));
    }
}
