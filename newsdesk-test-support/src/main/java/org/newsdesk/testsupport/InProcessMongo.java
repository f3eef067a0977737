package org.newsdesk.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import org.newsdesk.store.StoreBackend;

/**
 * One real MongoDB wire-protocol server per test JVM, started on first use on a free loopback
 * port: the embedded run's store engine ({@link StoreBackend}), kept in memory. Tests talk to it with the real MongoDB driver; only the
 * storage engine behind the protocol is a stand-in. It lacks {@code $text} search and
 * multi-document transactions, which Newsdesk does not use.
 */
public final class InProcessMongo {

    private static MongoServer server;
    private static String connectionString;

    private InProcessMongo() {}

    /** {@code mongodb://127.0.0.1:PORT}, without a database: each service names its own. */
    public static synchronized String connectionString() {
        if (server == null) {
            server = new MongoServer(StoreBackend.inMemory());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            connectionString = "mongodb://127.0.0.1:" + address.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "in-process-mongo-shutdown"));
        }
        return connectionString;
    }
}
