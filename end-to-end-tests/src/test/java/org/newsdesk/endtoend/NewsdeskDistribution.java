package org.newsdesk.endtoend;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put the jars these tests run, laid out as users get them: the launcher's jar,
 * with the services' jars in {@code services/} beside it. The failsafe configuration names both.
 */
public final class NewsdeskDistribution {

    /**
     * The master key the services these tests start seal contact details with: 32 bytes in base64,
     * as NEWSDESK_PRIVACY_KEY takes it. Given to each start, not left to a key file in the data
     * folder, which two sets of services starting at once would both write.
     */
    public static final String PRIVACY_KEY = "bmV3c2Rlc2stZW5kLXRvLWVuZC1wcml2YWN5LWtleSE=";

    private NewsdeskDistribution() {}

    public static Path launcherJar() {
        return existing("newsdesk.launcher.jar");
    }

    public static Path servicesDirectory() {
        return existing("newsdesk.services.dir");
    }

    private static Path existing(String property) {
        String configured = System.getProperty(property);
        if (configured == null || !Files.exists(Path.of(configured))) {
            throw new IllegalStateException("System property " + property + " must name the packaged Newsdesk (is '"
                    + configured + "'): run these tests with ./mvnw verify, which packages it first");
        }
        return Path.of(configured);
    }
}
