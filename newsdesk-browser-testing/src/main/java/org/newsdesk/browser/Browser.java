package org.newsdesk.browser;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium, as a resident on a phone or an editor at a desk meets our pages. Close
 * it after the test (it is a real browser process). Pages are checked with axe-core against WCAG
 * 2.2 AA, and screenshots go to {@code target/screenshots/} so that people can look at them.
 */
public final class Browser implements AutoCloseable {

    /** The WCAG 2.0, 2.1 and 2.2 A and AA rule tags axe-core knows. */
    static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /** Screen sizes people bring: a small phone (320 CSS pixels is the narrowest we promise) and a desk. */
    public enum Screen {
        SMALL_PHONE(320, 640),
        PHONE(390, 844),
        DESKTOP(1280, 900);

        private final int width;

        private final int height;

        Screen(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final ChromeDriver driver;

    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser with JavaScript on, as most people have it. */
    public static Browser open(Screen screen) {
        return open(screen, true);
    }

    /** A browser with JavaScript on or off: every form must work with it off. */
    public static Browser open(Screen screen, boolean javaScript) {
        Path profile = temporaryProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.browser()
                .orElseThrow(() -> new IllegalStateException(Chromium.HOW_TO_INSTALL))
                .toFile());
        // A fresh profile and nothing that phones home: tests must not depend on the network.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--lang=en-GB",
                "--window-size=" + screen.width + "," + screen.height);
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("profile.managed_default_content_settings.javascript", javaScript ? 1 : 2);
        options.setExperimentalOption("prefs", preferences);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.driver()
                        .orElseThrow(() -> new IllegalStateException(Chromium.HOW_TO_INSTALL))
                        .toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // --window-size sets the outer window; the page must get the promised CSS width.
        driver.manage().window().setSize(new Dimension(screen.width, screen.height));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a page and returns this browser, for chaining. */
    public Browser visit(String url) {
        driver.get(url);
        return this;
    }

    /** What axe-core finds wrong with the page as it is now, at WCAG 2.2 AA. */
    public List<Rule> accessibilityViolations() {
        return new AxeBuilder().withTags(WCAG_22_AA).analyze(driver).getViolations();
    }

    /**
     * Fails with every violation spelled out (rule, what to do, which elements) so that the
     * failure alone says what to fix. axe-core runs as a script: call it with JavaScript on.
     */
    public void assertAccessible() {
        List<Rule> violations = accessibilityViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core found " + violations.size() + " WCAG 2.2 AA violation(s) on "
                    + driver.getCurrentUrl() + ":\n" + describe(violations));
        }
    }

    static String describe(List<Rule> violations) {
        return violations.stream()
                .map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n"
                        + rule.getNodes().stream().map(Browser::describe).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(CheckedNode node) {
        return "    " + node.getTarget() + " " + node.getHtml();
    }

    /** Saves what the page looks like to {@code target/screenshots/<name>.png} and returns the path. */
    public Path screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = directory.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page, not just what fits on the screen. */
    public Path fullPageScreenshot(String name) {
        Dimension screen = driver.manage().window().getSize();
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage()
                .window()
                .setSize(new Dimension(
                        screen.getWidth(), Math.max(screen.getHeight(), ((Number) height).intValue() + 140)));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(screen);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("newsdesk-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover profile in the temporary folder is harmless; a failed test for it is not.
        }
    }
}
