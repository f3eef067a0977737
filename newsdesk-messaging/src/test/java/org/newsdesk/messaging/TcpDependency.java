package org.newsdesk.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.newsdesk.messaging.outage.DependencyProbe;

/**
 * A dependency that is a real listening socket on loopback: up while it accepts connections,
 * down (connections refused) after {@link #down()}. The service's outage probe asks it like any
 * other dependency, over the network.
 */
public final class TcpDependency implements DependencyProbe, AutoCloseable {

    private final String name;
    private final int port;
    private ServerSocket socket;

    private TcpDependency(String name, ServerSocket socket) {
        this.name = name;
        this.socket = socket;
        this.port = socket.getLocalPort();
    }

    public static TcpDependency start(String name) {
        try {
            return new TcpDependency(name, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public synchronized void down() {
        close();
    }

    public synchronized void up() {
        if (socket != null) {
            return;
        }
        try {
            ServerSocket reopened = new ServerSocket();
            reopened.setReuseAddress(true);
            reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            socket = reopened;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean answers(Duration timeout) {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closed either way.
            }
            socket = null;
        }
    }
}
