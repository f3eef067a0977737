package org.newsdesk.web.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as the plain lines show it: its message, thread name and failures (their
 * messages, down every cause and suppressed one) without addresses or receipt codes; the rest as
 * logged. The arguments are withheld: the message already holds them, redacted.
 */
final class RedactedLoggingEvent implements ILoggingEvent {

    private final ILoggingEvent logged;

    RedactedLoggingEvent(ILoggingEvent logged) {
        this.logged = logged;
    }

    @Override
    public String getMessage() {
        return getFormattedMessage();
    }

    @Override
    public String getFormattedMessage() {
        return LogRedaction.redact(logged.getFormattedMessage());
    }

    @Override
    public Object[] getArgumentArray() {
        return null;
    }

    @Override
    public String getThreadName() {
        return LogRedaction.redact(logged.getThreadName());
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return RedactedFailure.of(logged.getThrowableProxy());
    }

    @Override
    public Level getLevel() {
        return logged.getLevel();
    }

    @Override
    public String getLoggerName() {
        return logged.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return logged.getLoggerContextVO();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return logged.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return logged.hasCallerData();
    }

    @Override
    public List<Marker> getMarkerList() {
        return logged.getMarkerList();
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return logged.getMDCPropertyMap();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return logged.getMdc();
    }

    @Override
    public long getTimeStamp() {
        return logged.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return logged.getNanoseconds();
    }

    @Override
    public Instant getInstant() {
        return logged.getInstant();
    }

    @Override
    public long getSequenceNumber() {
        return logged.getSequenceNumber();
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return logged.getKeyValuePairs();
    }

    @Override
    public void prepareForDeferredProcessing() {
        logged.prepareForDeferredProcessing();
    }

    /** A failure whose message, and its causes' and suppressed failures' messages, are redacted. */
    private record RedactedFailure(IThrowableProxy failure) implements IThrowableProxy {

        static IThrowableProxy of(IThrowableProxy failure) {
            return failure == null ? null : new RedactedFailure(failure);
        }

        @Override
        public String getMessage() {
            return failure.getMessage() == null ? null : LogRedaction.redact(failure.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            String overriding = failure.getOverridingMessage();
            return overriding == null ? null : LogRedaction.redact(overriding);
        }

        @Override
        public String getClassName() {
            return failure.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return failure.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return failure.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(failure.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = failure.getSuppressed();
            return suppressed == null
                    ? null
                    : Arrays.stream(suppressed).map(RedactedFailure::of).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return failure.isCyclic();
        }
    }
}
