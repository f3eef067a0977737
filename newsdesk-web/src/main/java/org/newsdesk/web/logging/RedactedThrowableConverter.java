package org.newsdesk.web.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx}, the stack trace under a line, with the failures' messages (and
 * anything else in it) without addresses or receipt codes: a framework's exception quotes the
 * request it choked on as readily as its log lines do.
 */
public class RedactedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy failure) {
        return LogRedaction.redact(super.throwableProxyToString(failure));
    }
}
