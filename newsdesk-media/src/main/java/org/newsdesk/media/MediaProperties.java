package org.newsdesk.media;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the residents' photos live ({@code NEWSDESK_MEDIA_DATABASE}): every service that reads
 * them names the same database, on the same MongoDB as its own.
 */
@ConfigurationProperties("newsdesk.media")
public record MediaProperties(String database, String bucket) {

    public MediaProperties {
        database = database == null || database.isBlank() ? "newsdesk-media" : database;
        bucket = bucket == null || bucket.isBlank() ? "photos" : bucket;
    }
}
