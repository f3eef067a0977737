package org.newsdesk.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Every line the services write, kept for a test to read and shown in its output as they come:
 * give {@link #stream()} to {@code NewsdeskServices.Starter.output}.
 */
public final class ServiceLines {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(new Tee(), true, StandardCharsets.UTF_8);

    public PrintStream stream() {
        return stream;
    }

    /** What they wrote so far; all of it once the services are closed. */
    public String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    private final class Tee extends OutputStream {

        @Override
        public void write(int b) {
            synchronized (kept) {
                kept.write(b);
            }
            System.out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (kept) {
                kept.write(bytes, offset, length);
            }
            System.out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            System.out.flush();
        }
    }
}
