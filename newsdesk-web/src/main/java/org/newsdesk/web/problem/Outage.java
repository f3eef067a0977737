package org.newsdesk.web.problem;

/**
 * Tells a failure that a dependency's outage caused (the database unreachable, the broker down, a
 * call that timed out) from a bug: the first is answered {@code 503} with {@code Retry-After},
 * since the same request succeeds once the dependency is back; the second {@code 500}. The web
 * layer knows no database, so the module that talks to them declares the bean.
 */
@FunctionalInterface
public interface Outage {

    boolean explains(Throwable failure);
}
