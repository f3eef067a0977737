package org.newsdesk.endtoend.malformed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken by hand, one request per connection, so that a request goes out exactly as the
 * test wrote it. Reads only the answer's status and headers.
 */
final class RawHttp {

    /** The status, and the Content-Type header or null. */
    record Answer(int status, String contentType) {}

    private static final int MOST_HEADER_BYTES = 64 * 1024;

    private RawHttp() {}

    static Answer send(HostileRequests.Hostile request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", request.target().port()), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder()
                    .append(request.method())
                    .append(' ')
                    .append(request.requestTarget())
                    .append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:")
                    .append(request.target().port())
                    .append("\r\n")
                    .append("Connection: close\r\n");
            request.headers()
                    .forEach((name, value) -> head.append(name)
                            .append(": ")
                            .append(value.replace("\r", "").replace("\n", ""))
                            .append("\r\n"));
            byte[] body = request.body();
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException answeredEarly) {
                // A server may answer (and close) before it has read a body it refuses: read that answer.
            }
            return readHead(socket.getInputStream());
        } catch (IOException failed) {
            throw new UncheckedIOException("No answer to " + request.description(), failed);
        }
    }

    private static Answer readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < MOST_HEADER_BYTES) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : next == end[0] ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ")) {
            throw new IOException("Not an HTTP answer: " + (lines.length == 0 ? "nothing" : lines[0]));
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        String contentType = null;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).strip();
            }
        }
        return new Answer(status, contentType);
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of(
                "Authorization",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
