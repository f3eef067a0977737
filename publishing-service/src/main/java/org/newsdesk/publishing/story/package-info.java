/**
 * Published stories: the read model in MongoDB (built only from events, so it can be rebuilt
 * from the Kafka log), the search over it, and the JSON API readers' apps and other sites use.
 */
package org.newsdesk.publishing.story;
