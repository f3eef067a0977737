/**
 * Kafka conventions every Newsdesk service shares, applied by auto-configuration so that a
 * service only declares what it produces and consumes: string keys (the tip id), JSON values
 * under logical type names, acks=all with an idempotent producer, bounded retries and a
 * dead-letter topic per topic.
 */
package org.newsdesk.messaging;
