package org.newsdesk.testsupport.blocking;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockingOperationError;

/**
 * Fails the test during which a Netty or Reactor thread blocked, with every such call's stack,
 * even when the code under test swallowed BlockHound's error. Registered for every test by
 * JUnit's extension auto-detection (switched on in the build's Surefire settings). A call made
 * by a background thread between two tests fails the next one; its stack says whose it was.
 */
public final class FailOnBlockingCalls implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<BlockingOperationError> seen = BlockingCallWatch.takeUnreported();
        if (seen.isEmpty()) {
            return;
        }
        AssertionError failure = new AssertionError(seen.size()
                + " blocking call(s) on a non-blocking thread (Netty or Reactor); the first: "
                + seen.get(0).getMessage());
        seen.forEach(failure::addSuppressed);
        throw failure;
    }
}
