package org.newsdesk.messaging.outbox;

/** A record with an outbox: which collection, which {@code _id}. */
record RecordRef(String collection, String id) {}
