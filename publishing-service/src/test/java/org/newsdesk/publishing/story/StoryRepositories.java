package org.newsdesk.publishing.story;

import org.newsdesk.publishing.PublishingProperties;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;

/** For tests that need the repository over a database of their own, such as an empty one. */
public final class StoryRepositories {

    private StoryRepositories() {}

    public static StoryRepository over(ReactiveMongoOperations mongo) {
        return new StoryRepository(
                mongo,
                new PublishingProperties(null, null),
                new StoryIndex(mongo),
                new SlugAllocation(mongo),
                new CorrectionNotices(mongo),
                // No copies of pages to refresh over a database of a test's own.
                written -> {});
    }
}
