/**
 * The public event contract of Newsdesk: what the services say to each other over Kafka.
 *
 * <p>Every event is a small immutable record keyed by its tip id, carries an event id, a schema
 * version and the moment it happened, and travels as JSON under a stable logical type name
 * ({@link org.newsdesk.events.EventTypes}), never a Java class name. The JSON Schemas under
 * {@code schemas/} on the classpath describe the wire format for consumers outside Java.
 *
 * <p>This module deliberately depends on nothing: no Spring, no Jackson, no persistence types.
 */
package org.newsdesk.events;
