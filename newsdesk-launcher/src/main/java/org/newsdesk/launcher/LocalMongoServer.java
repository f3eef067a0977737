package org.newsdesk.launcher;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsdesk.store.CommitBeforeReplyBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) inside this JVM, storing its data in one H2
 * MVStore file. The services talk to it with the real MongoDB driver, as they would to mongod.
 * Every write is in the file before it is acknowledged, so a killed process loses nothing a client
 * was told was written (see {@link CommitBeforeReplyBackend}).
 */
public final class LocalMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;

    private LocalMongoServer(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
    }

    /** Opens (or creates) the store under {@code dataDir} and listens on {@code port}; 0 picks a free port. */
    public static LocalMongoServer start(Path dataDir, int port) {
        Path storeFile = dataDir.toAbsolutePath().resolve("mongo").resolve("newsdesk.mv.db");
        try {
            Files.createDirectories(storeFile.getParent());
        } catch (IOException ex) {
            throw new IllegalStateException("Could not create " + storeFile.getParent(), ex);
        }
        // H2 locks the file: a second launcher on the same data folder fails here instead of corrupting it.
        MongoServer server = new MongoServer(CommitBeforeReplyBackend.open(storeFile));
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException ex) {
            server.shutdownNow();
            throw ex;
        }
        return new LocalMongoServer(
                server, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    /** {@code mongodb://127.0.0.1:PORT}, without a database: each service names its own. */
    public String connectionString() {
        return connectionString;
    }

    /** Closes the client connections and then the store. */
    @Override
    public void close() {
        server.shutdown();
    }
}
