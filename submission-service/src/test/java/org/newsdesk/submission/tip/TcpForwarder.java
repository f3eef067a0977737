package org.newsdesk.submission.tip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Listens on a fixed loopback port and forwards every connection to another address: lets a test
 * bring a service's dependency "back" at the address the service was configured with.
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;

    private TcpForwarder(ServerSocket server) {
        this.server = server;
    }

    /** @param target {@code host:port} */
    static TcpForwarder start(int port, String target) {
        String[] hostAndPort = target.split(",")[0].trim().split(":");
        try {
            ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            TcpForwarder forwarder = new TcpForwarder(server);
            daemon(() -> forwarder.accept(hostAndPort[0], Integer.parseInt(hostAndPort[1])));
            return forwarder;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void accept(String host, int port) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, port);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        daemon(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // One side hung up: the connection is over.
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        });
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "tcp-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
