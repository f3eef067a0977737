package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The JSON API for other sites and reader apps. Stories travel as JSON strings, exactly as the
 * moderator approved them: escaping for HTML is the job of whoever renders HTML.
 */
@RestController
@RequestMapping(path = "/api/stories", produces = MediaType.APPLICATION_JSON_VALUE)
class StoriesController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final StoryRepository stories;

    StoriesController(StoryRepository stories) {
        this.stories = stories;
    }

    /**
     * Both parameters arrive as text so that a bad value is answered with a problem naming the
     * parameter, rather than a generic type-mismatch error. An empty value counts as absent, so
     * {@code ?limit=&cursor=} is the first page.
     */
    @GetMapping
    Mono<StoriesJson> list(@RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        List<FieldError> errors = new ArrayList<>();
        int size = parseLimit(limit, errors);
        StoryPosition after = parseCursor(cursor, errors);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidParametersException(errors));
        }
        return stories.page(after, size).map(StoriesJson::of);
    }

    @GetMapping("/{slug}")
    Mono<StoryJson> one(@PathVariable String slug) {
        return stories.findBySlug(slug)
                .map(StoryJson::of)
                .switchIfEmpty(Mono.error(() -> new StoryNotFoundException(slug)));
    }

    private static int parseLimit(@Nullable String limit, List<FieldError> errors) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(limit.trim());
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        }
        catch (NumberFormatException notANumber) {
            // answered below, like a number out of range
        }
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static @Nullable StoryPosition parseCursor(@Nullable String cursor, List<FieldError> errors) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Optional<StoryPosition> position = StoryCursor.decode(cursor);
        if (position.isEmpty()) {
            errors.add(new FieldError("cursor", "is not a cursor this API handed out; "
                    + "pass the 'next' value of a previous page unchanged, or leave it out for the first page"));
        }
        return position.orElse(null);
    }

    record StoryJson(String id, String slug, String headline, String body, String area, String category,
            Instant publishedAt) {

        static StoryJson of(Story story) {
            return new StoryJson(story.id(), story.slug(), story.headline(), story.body(), story.area(),
                    story.category(), story.publishedAt());
        }
    }

    /** @param next the cursor of the following page; {@code null} (and present) on the last page */
    record StoriesJson(List<StoryJson> items, @Nullable String next) {

        static StoriesJson of(StoryPage page) {
            return new StoriesJson(page.items().stream().map(StoryJson::of).toList(),
                    page.next() == null ? null : StoryCursor.encode(page.next()));
        }
    }

    record FieldError(String field, String message) {
    }

    static final class InvalidParametersException extends ErrorResponseException {

        InvalidParametersException(List<FieldError> errors) {
            super(HttpStatus.BAD_REQUEST, problem(errors), null);
        }

        private static ProblemDetail problem(List<FieldError> errors) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                    .map(error -> error.field() + " " + error.message())
                    .collect(Collectors.joining("; ")));
            problem.setTitle("Invalid query parameters");
            problem.setProperty("errors", List.copyOf(errors));
            return problem;
        }
    }

    static final class StoryNotFoundException extends ErrorResponseException {

        StoryNotFoundException(String slug) {
            super(HttpStatus.NOT_FOUND, problem(slug), null);
        }

        private static ProblemDetail problem(String slug) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No story is published under this address.");
            problem.setTitle("Story not found");
            problem.setProperty("slug", slug);
            return problem;
        }
    }
}
