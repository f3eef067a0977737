package org.newsdesk.testsupport.blocking;

import java.util.ArrayList;
import java.util.List;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound watches in every test JVM (installed by {@code blockhound-junit-platform} before
 * the first test, found through {@code META-INF/services}): a blocking call on a Netty or Reactor
 * thread throws, as BlockHound does by default, and is also remembered, because the error may
 * be swallowed by the code it interrupts (a dropped signal, a retried listener) and the test
 * would then pass. {@link FailOnBlockingCalls} fails the test that was running when it happened.
 *
 * <p>The allowances below are the calls BlockHound counts as blocking that never wait in practice
 * or happen once per JVM; each was seen in Newsdesk's own suites. Newsdesk's code has none of its
 * own: add one only for a library's call with the reason it does not wait.
 */
public final class BlockingCallWatch implements BlockHoundIntegration {

    private static final List<BlockingOperationError> unreported = new ArrayList<>();

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // The in-process store stands in for mongod, a process of its own in production: its
        // engine runs on its server's Netty threads by design.
        builder.allowBlockingCallsInside("de.bwaldvogel.mongo.wire.MongoDatabaseHandler", "channelRead0");
        // SecureRandom (UUIDs, CSRF tokens, session ids, multipart boundaries, Tink's nonces) reads
        // /dev/urandom, which never blocks, a buffer at a time.
        builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
        // The MongoDB driver's asynchronous paths hold its own locks only for a few instructions
        // (the connection pool's queue, a stream's read state, the cluster clock).
        builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock");
        builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithInterruptibleLock");
        // Netty 4.2's adaptive buffer allocator, growing its magazines under contention, frees the
        // old ones under their StampedLock: held by another allocating thread for a few instructions
        // (one CI run saw a Netty event loop park there; Netty's own integration allows only the
        // allocator's thread-local set-up, Armeria allows this as well).
        builder.allowBlockingCallsInside(
                "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // Once per type: Spring Data describes an entity or a projection the first time it is used
        // (under a lock, reading the projection's class file).
        builder.allowBlockingCallsInside(
                "org.springframework.data.mapping.context.AbstractMappingContext", "getPersistentEntity");
        // The same lock, read to list every described type (reading a document whose type alias is
        // new to the mapper): it waits only while another thread describes a type. BlockHound's
        // error thrown from inside its lock() once made the method's finally release a lock it never
        // got (IllegalMonitorStateException in a stories rebuild, one CI run).
        builder.allowBlockingCallsInside(
                "org.springframework.data.mapping.context.AbstractMappingContext", "getPersistentEntities");
        builder.allowBlockingCallsInside(
                "org.springframework.data.projection.ProxyProjectionFactory", "getProjectionInformation");
        // Once per type: Jackson builds a type's deserializer under its cache's lock, which another
        // thread waits on only while it builds one (two outbox relays reading their first events).
        builder.allowBlockingCallsInside(
                "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        // Once per JVM or per template: reading a library's native code, properties, message bundles
        // and Thymeleaf's templates (then cached) from the class path.
        builder.allowBlockingCallsInside("com.github.luben.zstd.util.Native", "load");
        builder.allowBlockingCallsInside("org.thymeleaf.TemplateEngine", "initialize");
        builder.allowBlockingCallsInside("org.thymeleaf.templateparser.markup.AbstractMarkupTemplateParser", "parse");
        builder.allowBlockingCallsInside("com.fasterxml.jackson.databind.ObjectMapper", "findModules");
        builder.allowBlockingCallsInside("com.rometools.rome.io.impl.PropertiesLoader", "getPropertiesLoader");
        builder.allowBlockingCallsInside(
                "org.hibernate.validator.resourceloading.PlatformResourceBundleLocator", "loadBundle");
        builder.blockingMethodCallback(method -> {
            BlockingOperationError error = new BlockingOperationError(method);
            synchronized (unreported) {
                unreported.add(error);
            }
            throw error;
        });
    }

    /** The blocking calls seen since the last time this was asked, oldest first. */
    static List<BlockingOperationError> takeUnreported() {
        synchronized (unreported) {
            List<BlockingOperationError> seen = List.copyOf(unreported);
            unreported.clear();
            return seen;
        }
    }
}
