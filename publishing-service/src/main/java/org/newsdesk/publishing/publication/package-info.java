/**
 * From a moderator's decision to a published, announced story: consumes {@code TipDecided},
 * stores the story, sends {@code StoryPublished}.
 */
package org.newsdesk.publishing.publication;
