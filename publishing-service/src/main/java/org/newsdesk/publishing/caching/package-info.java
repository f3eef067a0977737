/**
 * HTTP caching of everything readers and other sites fetch: validators ({@code ETag},
 * {@code Last-Modified}), {@code 304 Not Modified}, lifetimes per kind of answer, and CORS for
 * the read-only API.
 */
package org.newsdesk.publishing.caching;
