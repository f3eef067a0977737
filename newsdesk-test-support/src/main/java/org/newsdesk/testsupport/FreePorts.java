package org.newsdesk.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback port nothing listens on, for the servers a test must name before they start (Kafka's
 * controller names itself in the quorum) or must bring back at the same address. Another process
 * could take it in between; on a test machine that is rare enough.
 */
public final class FreePorts {

    private FreePorts() {}

    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
