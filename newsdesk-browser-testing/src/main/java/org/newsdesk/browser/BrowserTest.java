package org.newsdesk.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (class or method) that drives Debian's headless Chromium. Where Chromium is not installed the test is
 * skipped with a message saying how to install it, except on CI (the {@code CI} environment
 * variable is set), where a missing browser fails the build: CI installs it in {@code .ci/run},
 * and a browser test that silently never runs would be a test that asserts nothing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(ChromiumCondition.class)
public @interface BrowserTest {}
