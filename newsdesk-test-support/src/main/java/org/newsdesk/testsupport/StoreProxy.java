package org.newsdesk.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a MongoDB wire-protocol server that can hold back the store's answer to
 * one command: the command reaches the store and is applied, but its client hears nothing until
 * {@link #release()}. That is a write that lands after its caller gave up on it, the case a
 * client's idempotency key is for, made on demand rather than hoped for from a slow machine. Every
 * other command, on every other connection, goes through untouched.
 *
 * <p>It reads just enough of the protocol to name a command: the message's length, its ids, and
 * the first field of an {@code OP_MSG} body ({@code {update: "tips", ...}}). Compressed messages,
 * which the driver sends only when told to, pass through unread.
 */
public final class StoreProxy implements AutoCloseable {

    private static final int OP_MSG = 2013;
    private static final int HEADER_BYTES = 16;
    private static final byte BODY_SECTION = 0;
    private static final byte BSON_STRING = 2;

    private final ServerSocket listening;
    private final int storePort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicReference<Command> toHold = new AtomicReference<>();
    private final Set<Integer> heldRequests = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CountDownLatch> released = new AtomicReference<>(new CountDownLatch(0));
    private final AtomicReference<CountDownLatch> held = new AtomicReference<>(new CountDownLatch(1));

    private StoreProxy(int storePort) throws IOException {
        this.storePort = storePort;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "store-proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A proxy on a free loopback port, forwarding to the store on {@code storePort} of this machine. */
    public static StoreProxy inFrontOf(int storePort) {
        try {
            return new StoreProxy(storePort);
        } catch (IOException ex) {
            throw new IllegalStateException("Could not open the proxy's port", ex);
        }
    }

    /** {@code mongodb://127.0.0.1:PORT/database} through this proxy. */
    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + listening.getLocalPort() + "/" + database;
    }

    /**
     * Holds the store's answer to the next {@code command} on {@code collection} (an
     * {@code update} on {@code tips}, say) whose message contains {@code containing} (a value the
     * command writes or looks for, so that another instance's or a relay's command on the same
     * collection is not the one held), and whatever follows it on that connection, until
     * {@link #release()}. The command itself reaches the store.
     */
    public void holdAnswerToNext(String command, String collection, String containing) {
        released.set(new CountDownLatch(1));
        held.set(new CountDownLatch(1));
        toHold.set(new Command(command, collection, containing));
    }

    /** Whether the command named in {@link #holdAnswerToNext} has reached the store, its answer held. */
    public boolean holding() {
        return held.get().getCount() == 0;
    }

    /** Lets the held answers go to their client. */
    public void release() {
        released.get().countDown();
    }

    @Override
    public void close() {
        release();
        try {
            listening.close();
        } catch (IOException ex) {
            // Closing: nothing more to accept either way.
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ex) {
                // Already closed by its other end.
            }
        }
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket store = new Socket(InetAddress.getLoopbackAddress(), storePort);
                sockets.add(client);
                sockets.add(store);
                pump("store-proxy-to-store", client, store, this::fromClient);
                pump("store-proxy-to-client", store, client, this::fromStore);
            } catch (IOException ex) {
                // The proxy was closed, or the store refused one connection: the client sees it closed.
            }
        }
    }

    private void pump(String name, Socket from, Socket to, MessageCheck check) {
        Thread pumping = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        DataInputStream messages = new DataInputStream(in);
                        while (true) {
                            byte[] message = readMessage(messages);
                            check.before(ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN));
                            out.write(message);
                            out.flush();
                        }
                    } catch (IOException ex) {
                        // One end closed: close the other, as the real connection would be.
                        closeQuietly(to);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        pumping.setDaemon(true);
        pumping.start();
    }

    private static byte[] readMessage(DataInputStream messages) throws IOException {
        byte[] lengthBytes = new byte[4];
        messages.readFully(lengthBytes);
        int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] message = new byte[length];
        System.arraycopy(lengthBytes, 0, message, 0, 4);
        messages.readFully(message, 4, length - 4);
        return message;
    }

    /** Marks the request to hold; its answer is recognised by the id it responds to. */
    private void fromClient(ByteBuffer message) {
        Command wanted = toHold.get();
        if (wanted != null && wanted.matches(message) && toHold.compareAndSet(wanted, null)) {
            heldRequests.add(message.getInt(4));
            held.get().countDown();
        }
    }

    private void fromStore(ByteBuffer message) throws InterruptedException {
        if (heldRequests.remove(message.getInt(8))) {
            released.get().await();
        }
    }

    /** The command an {@code OP_MSG} carries and its collection: its body's first field, when that is a string. */
    private static String[] commandAndCollection(ByteBuffer message) {
        if (message.getInt(12) != OP_MSG || message.get(HEADER_BYTES + 4) != BODY_SECTION) {
            return null;
        }
        int element = HEADER_BYTES + 4 + 1 + 4;
        if (message.get(element) != BSON_STRING) {
            return null;
        }
        int nameStart = element + 1;
        int nameEnd = nameStart;
        while (message.get(nameEnd) != 0) {
            nameEnd++;
        }
        int valueLength = message.getInt(nameEnd + 1);
        return new String[] {text(message, nameStart, nameEnd - nameStart), text(message, nameEnd + 5, valueLength - 1)
        };
    }

    private static String text(ByteBuffer message, int from, int length) {
        byte[] bytes = new byte[length];
        message.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean contains(ByteBuffer message, byte[] wanted) {
        byte[] bytes = message.array();
        outer:
        for (int start = 0; start <= bytes.length - wanted.length; start++) {
            for (int at = 0; at < wanted.length; at++) {
                if (bytes[start + at] != wanted[at]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ex) {
            // Already closed.
        }
    }

    private record Command(String name, String collection, String containing) {

        boolean matches(ByteBuffer message) {
            String[] sent = commandAndCollection(message);
            return sent != null
                    && sent[0].equals(name)
                    && sent[1].equals(collection)
                    && contains(message, containing.getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    private interface MessageCheck {
        void before(ByteBuffer message) throws InterruptedException;
    }
}
