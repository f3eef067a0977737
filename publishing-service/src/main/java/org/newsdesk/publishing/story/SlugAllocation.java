package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives a new story its address: the first slug of its headline that no story has, among
 * {@code base}, {@code base-2}, {@code base-3}... ({@link StorySlugs}).
 *
 * <p>The taken ones are asked for by their exact slugs, {@value #WINDOW} at a time, through the
 * unique index: one look-up for a headline no story had, and a cost that grows with the stories
 * sharing the headline, never with the archive (a pattern over all slugs read every slug in the
 * index, and at 100,000 stories made publishing a story take seconds).
 *
 * <p>Slugs are unique by the unique index on {@code slug} (declared with the service's store
 * indexes), not by the look at the taken ones before the write, so two instances of the service
 * publishing stories with the same headline at the same time still end up with two slugs: the
 * loser of the race moves on to the next free one.
 */
@Component
class SlugAllocation {

    private static final Logger log = LoggerFactory.getLogger(SlugAllocation.class);

    /** More than enough for instances racing for the same slug; more means something else is wrong. */
    private static final int ATTEMPTS = 10;

    /** How many variants one look-up asks for: most headlines need one, a common one a few. */
    static final int WINDOW = 16;

    private final ReactiveMongoOperations mongo;

    SlugAllocation(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /** The first variant of the base slug from the {@code from}th on that no story has. */
    private Mono<String> firstFree(String baseSlug, int from) {
        List<String> window = StorySlugs.variants(baseSlug, from, WINDOW);
        return mongo.query(Story.class)
                .as(Slug.class)
                .matching(query(where("slug").in(window)))
                .all()
                .map(Slug::slug)
                .collect(Collectors.toSet())
                .flatMap(taken -> window.stream()
                        .filter(slug -> !taken.contains(slug))
                        .findFirst()
                        .map(Mono::just)
                        .orElseGet(() -> firstFree(baseSlug, from + WINDOW)));
    }

    /** A story's slug alone, which is all that finding the taken ones reads. */
    record Slug(String slug) {}

    /**
     * Inserts the draft's story under the first free slug with {@code insertIfAbsent}, which
     * answers the story as stored: this one, or the tip's story that was there already.
     */
    Mono<Story> insertUnderFreeSlug(StoryDraft draft, Function<Story, Mono<Story>> insertIfAbsent) {
        return attempt(draft, StorySlugs.of(draft.headline()), insertIfAbsent, 1);
    }

    private Mono<Story> attempt(
            StoryDraft draft, String baseSlug, Function<Story, Mono<Story>> insertIfAbsent, int attempt) {
        return firstFree(baseSlug, 1)
                .flatMap(slug -> insertIfAbsent.apply(draft.withSlug(slug)))
                // The unique indexes are on _id and slug. Whichever one refused the write, if the
                // tip's story now exists someone stored it first (a redelivery racing us) and
                // that story stands; otherwise the slug was taken meanwhile: try the next one.
                .onErrorResume(
                        DuplicateKeyException.class,
                        duplicate -> mongo.findById(draft.tipId(), Story.class).switchIfEmpty(Mono.defer(() -> {
                            if (attempt >= ATTEMPTS) {
                                return Mono.error(new IllegalStateException(
                                        "No free slug for '" + baseSlug + "' after " + attempt + " attempts",
                                        duplicate));
                            }
                            log.debug("Slug for tip {} was taken meanwhile, trying the next one", draft.tipId());
                            return attempt(draft, baseSlug, insertIfAbsent, attempt + 1);
                        })));
    }
}
