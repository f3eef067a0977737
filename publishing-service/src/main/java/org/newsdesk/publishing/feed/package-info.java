/**
 * Atom feeds (RFC 4287) for readers' feed apps: the latest stories, and those of each area and
 * category, made with ROME from the same read model as the pages.
 */
package org.newsdesk.publishing.feed;
