package org.newsdesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The browser we test pages in really runs, really honours "no JavaScript", and axe really checks. */
@BrowserTest
class BrowserTests {

    @Test
    void runsScriptsOnlyWhenJavaScriptIsOn() {
        String page = page("<main><h1>Tips</h1><p id=out>static</p>"
                + "<script>document.getElementById('out').textContent='scripted'</script></main>");

        try (Browser withScripts = Browser.open(Browser.Screen.PHONE);
                Browser withoutScripts = Browser.open(Browser.Screen.PHONE, false)) {
            assertThat(withScripts
                            .visit(page)
                            .driver()
                            .findElement(By.id("out"))
                            .getText())
                    .isEqualTo("scripted");
            assertThat(withoutScripts
                            .visit(page)
                            .driver()
                            .findElement(By.id("out"))
                            .getText())
                    .isEqualTo("static");
        }
    }

    @Test
    void theAccessibilityCheckNamesWhatIsWrong() {
        // Given a page with an unlabelled field and one without faults
        String faulty = page("<main><h1>Tip</h1><form><input type=text name=headline></form></main>");
        String sound = page("<main><h1>Tip</h1><form><label for=h>Headline</label>"
                + "<input id=h type=text name=headline></form></main>");

        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            // Then the check fails on the first, naming the rule, and passes the second
            assertThatThrownBy(browser.visit(faulty)::assertAccessible).hasMessageContaining("label");
            browser.visit(sound).assertAccessible();
        }
    }

    @Test
    void thePageGetsThePhonesWidth() {
        try (Browser browser = Browser.open(Browser.Screen.SMALL_PHONE)) {
            browser.visit(page("<main><h1>Narrow</h1></main>"));

            assertThat(browser.driver().executeScript("return window.innerWidth"))
                    .isEqualTo(320L);
        }
    }

    private static String page(String body) {
        String html = "<!doctype html><html lang=en><head><meta charset=utf-8>"
                + "<meta name=viewport content='width=device-width, initial-scale=1'><title>Test page</title></head><body>"
                + body + "</body></html>";
        return "data:text/html;charset=utf-8,"
                + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
