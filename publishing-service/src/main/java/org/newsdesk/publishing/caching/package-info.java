/**
 * HTTP caching of everything readers and other sites fetch, the same way for every answer: its
 * handler tags it ({@link org.newsdesk.publishing.caching.Etags}), dates it ({@code Last-Modified})
 * and gives its {@link org.newsdesk.publishing.caching.Lifetime}, and WebFlux answers a request
 * that still holds with {@code 304 Not Modified}. Also CORS for the read-only API.
 */
package org.newsdesk.publishing.caching;
