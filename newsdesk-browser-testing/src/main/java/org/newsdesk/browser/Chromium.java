package org.newsdesk.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where Debian's Chromium and its matching driver live. Selenium would otherwise try to download
 * a browser of its own, which cannot work on a machine that reaches only Maven Central and apt.
 */
final class Chromium {

    static final String HOW_TO_INSTALL = "install it with: apt-get install -y chromium chromium-driver";

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {}

    static boolean installed() {
        return browser().isPresent() && driver().isPresent();
    }

    static Optional<Path> browser() {
        return firstExecutable(BROWSERS);
    }

    static Optional<Path> driver() {
        return firstExecutable(DRIVERS);
    }

    private static Optional<Path> firstExecutable(List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
