package org.newsdesk.publishing;

import org.newsdesk.messaging.store.StoreIndexes;
import org.newsdesk.publishing.story.CorrectionNotices;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublishingProperties.class)
class PublishingConfiguration {

    /**
     * Every index of this service's store, made at start. The unique slug is what keeps two
     * stories from sharing an address, also when two instances publish the same headline at once.
     * Lists and searches of stories read nothing but {@code _id}s (see the story package's
     * {@code StorySearch}). The corrections column is read newest first by its own index, so it
     * never looks at the (many) stories to find the (few) corrections.
     */
    @Bean
    StoreIndexes publishingIndexes() {
        return StoreIndexes.declare()
                .on(
                        StoryRepository.COLLECTION,
                        new Index().on("slug", Sort.Direction.ASC).unique().named("slug_unique"))
                .on(
                        CorrectionNotices.COLLECTION,
                        new Index()
                                .on("at", Sort.Direction.DESC)
                                .on("_id", Sort.Direction.DESC)
                                .named(CorrectionNotices.NEWEST_FIRST_INDEX));
    }
}
