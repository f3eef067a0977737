/**
 * Log lines without a client's address or a resident's receipt code, the framework's included:
 * {@code newsdesk-logback.xml} is Spring Boot's console logging with its message and stack trace
 * words redacted. A service takes it in its {@code logback-spring.xml}.
 */
package org.newsdesk.web.logging;
