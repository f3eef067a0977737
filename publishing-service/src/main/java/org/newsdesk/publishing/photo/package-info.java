/**
 * The photos published with stories: publishing's own resized copies of the photos moderators
 * chose (made from the shared media store when a decision arrives, and again by the rebuild), and
 * serving them to readers, only for stories that are published.
 */
package org.newsdesk.publishing.photo;
