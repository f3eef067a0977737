package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.PublishingProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
@Tag(name = "Stories", description = "The published stories, for other sites and reader apps. Answers are cacheable "
        + "(ETag, Last-Modified, Cache-Control) and readable cross-origin with GET.")
class StoriesController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** Longer than any question a reader types; the index looks at the first ten words anyway. */
    static final int MAX_QUERY_LENGTH = 200;

    static final int MAX_SECTION_LENGTH = 100;

    private final StoryRepository stories;
    private final PublishingProperties properties;

    StoriesController(StoryRepository stories, PublishingProperties properties) {
        this.stories = stories;
        this.properties = properties;
    }

    /**
     * Every parameter arrives as text so that a bad value is answered with a problem naming the
     * parameter, rather than a generic type-mismatch error. An empty value counts as absent, so
     * {@code ?limit=&cursor=} is the first page. An area or category nobody published in is no
     * error: its list is empty, as it is for an area whose first story is still to come.
     */
    @GetMapping
    @Operation(operationId = "listStories", summary = "List or search the published stories",
            description = "Newest first; with q, best match first (stories matching more of the words, then more "
                    + "of them in the headline, then the newest). Follow `next` for the following page: paging "
                    + "never repeats or skips a story while new ones are published. `next` is null on the last page.")
    @ApiResponse(responseCode = "200", description = "A page of stories")
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag or date the client holds",
            content = @Content)
    @ApiResponse(responseCode = "400", description = "A parameter is invalid; `errors` names each",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = InvalidParametersProblem.class)))
    @ApiResponse(responseCode = "406", description = "The client accepts no JSON", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    Mono<ResponseEntity<StoriesJson>> list(
            @Parameter(description = "Stories per page, 1 to " + MAX_LIMIT + "; " + DEFAULT_LIMIT + " when absent",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_LIMIT))
            @RequestParam(required = false) String limit,
            @Parameter(description = "The `next` of the previous page of the same query, unchanged")
            @RequestParam(required = false) String cursor,
            @Parameter(description = "Only stories of this area, by name or key (`Long Eaton` or `long-eaton`); "
                    + "an area without stories gives an empty list", schema = @Schema(maxLength = MAX_SECTION_LENGTH))
            @RequestParam(required = false) String area,
            @Parameter(description = "Only stories of this category, by name or key",
                    schema = @Schema(maxLength = MAX_SECTION_LENGTH))
            @RequestParam(required = false) String category,
            @Parameter(description = "Words to search the headline and body for; case and accents do not matter",
                    schema = @Schema(maxLength = MAX_QUERY_LENGTH))
            @RequestParam(required = false) String q) {
        List<FieldError> errors = new ArrayList<>();
        int size = parseLimit(limit, errors);
        checkSection("area", area, errors);
        checkSection("category", category, errors);
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            errors.add(new FieldError("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
        }
        StoryQuery query = StoryQuery.of(q, area, category);
        if (query.isSearch()) {
            SearchPosition after = parseCursor(cursor, StoryCursor::decodeSearch, errors);
            return errors.isEmpty() ? stories.search(query, after, size).map(this::json)
                    : Mono.error(new InvalidParametersException(errors));
        }
        StoryPosition after = parseCursor(cursor, StoryCursor::decode, errors);
        return errors.isEmpty() ? stories.page(query, after, size).map(this::json)
                : Mono.error(new InvalidParametersException(errors));
    }

    /** With the newest change of the stories listed as {@code Last-Modified}, for conditional requests. */
    private ResponseEntity<StoriesJson> json(StoryPage page) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        page.items().stream().map(Story::lastModified).max(Comparator.naturalOrder())
                .ifPresent(answer::lastModified);
        return answer.body(StoriesJson.of(page, properties));
    }

    /** A name must have a letter or digit: {@code area=!!!} would otherwise mean every area. */
    private static void checkSection(String parameter, @Nullable String name, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (name.length() > MAX_SECTION_LENGTH || Words.key(name).isEmpty()) {
            errors.add(new FieldError(parameter, "must be a name or key of at most " + MAX_SECTION_LENGTH
                    + " characters with at least one letter or digit"));
        }
    }

    @GetMapping("/{slug}")
    @Operation(operationId = "getStory", summary = "One published story, by the slug of its address")
    @ApiResponse(responseCode = "200", description = "The story")
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag or date the client holds",
            content = @Content)
    @ApiResponse(responseCode = "404", description = "No story is published under this slug", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "406", description = "The client accepts no JSON", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    Mono<ResponseEntity<StoryJson>> one(
            @Parameter(description = "The story's slug, as in its address /stories/{slug}") @PathVariable String slug) {
        return stories.findBySlug(slug)
                .map(story -> ResponseEntity.ok().lastModified(story.lastModified()).body(StoryJson.of(story, properties)))
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

    private static <P> @Nullable P parseCursor(@Nullable String cursor, Function<String, Optional<P>> decode,
            List<FieldError> errors) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Optional<P> position = decode.apply(cursor);
        if (position.isEmpty()) {
            errors.add(new FieldError("cursor", "is not a cursor this API handed out; "
                    + "pass the 'next' value of a previous page of the same query unchanged, "
                    + "or leave it out for the first page"));
        }
        return position.orElse(null);
    }

    /**
     * @param url the story's page for readers
     * @param areaKey the area as in {@code /areas/{area}} and the {@code area} parameter; null without an area
     * @param categoryKey likewise for the category
     */
    @Schema(name = "Story", requiredProperties = {"id", "slug", "headline", "body", "publishedAt", "url", "updatedAt",
            "photos"})
    record StoryJson(String id, String slug, String headline, String body,
            @Schema(types = {"string", "null"}, description = "The area, as the newsroom wrote it") @Nullable String area,
            @Schema(types = {"string", "null"}, description = "The category, as the newsroom wrote it") @Nullable String category,
            Instant publishedAt,
            @Schema(description = "The story's page for readers", format = "uri") String url,
            @Schema(types = {"string", "null"}, description = "The area's key, as in /areas/{area}") @Nullable String areaKey,
            @Schema(types = {"string", "null"}, description = "The category's key, as in /categories/{category}")
            @Nullable String categoryKey,
            @Schema(description = "When the story's text last changed: publication or its latest correction")
            Instant updatedAt,
            @Schema(description = "The photos published with the story, in order") List<PhotoJson> photos) {

        static StoryJson of(Story story, PublishingProperties properties) {
            return new StoryJson(story.id(), story.slug(), story.headline(), story.body(), story.area(),
                    story.category(), story.publishedAt(), properties.storyUrl(story.slug()),
                    emptyToNull(Words.key(story.area())), emptyToNull(Words.key(story.category())),
                    story.lastModified(), story.photos().stream()
                            .map(photo -> PhotoJson.of(photo, story.headline(), properties)).toList());
        }

        private static @Nullable String emptyToNull(String key) {
            return key.isEmpty() ? null : key;
        }
    }

    /**
     * A published photo: the copy to show by default and every size there is, for {@code srcset}.
     *
     * @param alt what to say instead of the photo: the caption, or the headline
     */
    @Schema(name = "Photo", requiredProperties = {"url", "width", "height", "alt", "sizes"})
    record PhotoJson(String url, int width, int height, String alt,
            @Schema(types = {"string", "null"}) @Nullable String caption, List<PhotoSizeJson> sizes) {

        static PhotoJson of(PublishedPhoto photo, String headline, PublishingProperties properties) {
            PublishedPhoto.Variant shown = photo.upTo(1024);
            return new PhotoJson(properties.url("/photos/" + shown.id()), shown.width(), shown.height(),
                    photo.alt(headline), photo.caption(), photo.variants().stream()
                            .map(variant -> new PhotoSizeJson(properties.url("/photos/" + variant.id()),
                                    variant.width(), variant.height()))
                            .toList());
        }
    }

    @Schema(name = "PhotoSize", requiredProperties = {"url", "width", "height"})
    record PhotoSizeJson(String url, int width, int height) {
    }

    /** @param next the cursor of the following page; {@code null} (and present) on the last page */
    @Schema(name = "StoryPage", requiredProperties = {"items", "next"})
    record StoriesJson(List<StoryJson> items,
            @Schema(description = "The cursor of the following page; null on the last page", nullable = true,
                    types = {"string", "null"}) @Nullable String next) {

        static StoriesJson of(StoryPage page, PublishingProperties properties) {
            return new StoriesJson(page.items().stream().map(story -> StoryJson.of(story, properties)).toList(),
                    page.next());
        }
    }

    @Schema(description = "What is wrong with one parameter")
    record FieldError(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String message) {
    }

    /** An RFC 9457 problem detail as this API sends it: for the description only. */
    @Schema(name = "Problem", description = "An RFC 9457 problem detail")
    record Problem(String type, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status, String detail, String instance) {
    }

    /** The problem of a request with invalid parameters: for the description only. */
    @Schema(name = "InvalidParametersProblem", description = "An RFC 9457 problem detail naming each invalid parameter")
    record InvalidParametersProblem(String type, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status, String detail, String instance,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<FieldError> errors) {
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
