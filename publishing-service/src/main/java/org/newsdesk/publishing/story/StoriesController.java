package org.newsdesk.publishing.story;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Etags;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.web.problem.ProblemException;
import org.springdoc.core.annotations.ParameterObject;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The JSON API for other sites and reader apps. Answers carry an {@code ETag} of what they hold,
 * the newest change of the stories in them as {@code Last-Modified}, and their lifetime; WebFlux
 * answers a conditional request that still holds with {@code 304}.
 */
@RestController
@RequestMapping(path = "/api/stories", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Stories",
        description = "The published stories, for other sites and reader apps. Answers are cacheable "
                + "(ETag, Last-Modified, Cache-Control) and readable cross-origin with GET.")
class StoriesController {

    static {
        // A cursor is text on the wire, whichever position it stands for: describe it as such.
        SpringDocUtils.getConfig().addSimpleTypesForParameterObject(StoryListPosition.class);
    }

    private final StoryRepository stories;
    private final PublishingProperties properties;

    StoriesController(StoryRepository stories, PublishingProperties properties) {
        this.stories = stories;
        this.properties = properties;
    }

    @GetMapping
    @Operation(
            operationId = "listStories",
            summary = "List or search the published stories",
            description = "Newest first; with q, best match first (stories matching more of the words, then more "
                    + "of them in the headline, then the newest). Follow `next` for the following page: paging "
                    + "never repeats or skips a story while new ones are published. `next` is null on the last page.")
    @ApiResponse(responseCode = "200", description = "A page of stories")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified since the ETag or date the client holds",
            content = @Content)
    @ApiResponse(
            responseCode = "400",
            description = "A parameter is invalid; `errors` names each",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemSchemas.InvalidParametersProblem.class)))
    @ApiResponse(
            responseCode = "406",
            description = "The client accepts no JSON",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemSchemas.Problem.class)))
    Mono<ResponseEntity<StoriesJson>> list(@ParameterObject @Valid StoriesQuery parameters) {
        StoryQuery query = parameters.query();
        Mono<StoryPage> page = query.isSearch()
                ? stories.search(query, parameters.after(SearchPosition.class), parameters.size())
                : stories.page(query, parameters.after(StoryPosition.class), parameters.size());
        return page.map(found -> answer(StoriesJson.of(found, properties), found.lastModified()));
    }

    @GetMapping("/{slug}")
    @Operation(
            operationId = "getStory",
            summary = "One published story, by the slug of its address",
            description = "The story as it now reads, with every public correction in `corrections`. A story the "
                    + "newsroom withdrew answers 410, and is in no list.")
    @ApiResponse(responseCode = "200", description = "The story")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified since the ETag or date the client holds",
            content = @Content)
    @ApiResponse(
            responseCode = "404",
            description = "No story is published under this slug",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemSchemas.Problem.class)))
    @ApiResponse(
            responseCode = "410",
            description = "The newsroom withdrew the story: the problem says when (`withdrawnAt`) and why "
                    + "(`reason`), and nothing of its text",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemSchemas.WithdrawnProblem.class)))
    @ApiResponse(
            responseCode = "406",
            description = "The client accepts no JSON",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemSchemas.Problem.class)))
    Mono<ResponseEntity<StoryJson>> one(
            @Parameter(description = "The story's slug, as in its address /stories/{slug}") @PathVariable String slug) {
        return stories.findBySlug(slug)
                .map(story -> {
                    if (story.retracted()) {
                        throw withdrawn(story);
                    }
                    return answer(StoryJson.of(story, properties), story.lastModified());
                })
                .switchIfEmpty(Mono.error(() -> Lifetime.notKept(ProblemException.of(
                                HttpStatus.NOT_FOUND, "Story not found", "No story is published under this address.")
                        .with("slug", slug))));
    }

    /**
     * A withdrawn story: gone for good, and why, with nothing of its text. Not kept by caches
     * either, like every problem of this service.
     */
    private static ProblemException withdrawn(Story story) {
        Story.Retraction retraction = story.retraction();
        return Lifetime.notKept(ProblemException.of(
                        HttpStatus.GONE, "Story withdrawn", "The newsroom withdrew this story: " + retraction.reason())
                .with("slug", story.slug())
                .with("withdrawnAt", retraction.at())
                .with("reason", retraction.reason()));
    }

    /** The JSON with its validators and lifetime. */
    private static <T> ResponseEntity<T> answer(T json, @Nullable Instant lastModified) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.ok().eTag(Etags.of(json)).header(HttpHeaders.CACHE_CONTROL, Lifetime.API.cacheControl());
        if (lastModified != null) {
            answer.lastModified(lastModified);
        }
        return answer.body(json);
    }
}
