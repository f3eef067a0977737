package org.newsdesk.moderation.tip;

/**
 * Where readers find the story a tip became, as publishing announced it last.
 *
 * @param revision the announcement's revision, so that an older one redelivered never replaces a newer address
 */
public record StoryLink(String url, long revision) {}
