package org.newsdesk.publishing.photo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Serves publishing's copies of published photos, and nothing else: a copy is answered only while
 * the story it belongs to is published, and {@code 410 Gone} once the story is withdrawn. A copy's
 * bytes never change under its id, so caches may keep it for a year without asking again
 * ({@code immutable}); its ETag is its SHA-256. (A cache that kept a photo of a withdrawn story
 * may still show it: that is the price of {@code immutable}, which readers' phones pay back on
 * every story page.)
 */
@RestController
@Tag(name = "Photos", description = "The photos published with stories")
class PhotoController {

    private static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final PhotoCopies copies;
    private final StoryRepository stories;

    PhotoController(PhotoCopies copies, StoryRepository stories) {
        this.copies = copies;
        this.stories = stories;
    }

    @GetMapping(path = "/photos/{id}", produces = MediaType.IMAGE_JPEG_VALUE)
    @Operation(
            operationId = "photo",
            summary = "A resized copy of a photo published with a story",
            description = "Addresses come from a story's `photos` (API) or its page's srcset; they never change "
                    + "content, so answers are immutable.")
    @ApiResponse(
            responseCode = "200",
            description = "The photo, a JPEG",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_JPEG_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    @ApiResponse(
            responseCode = "410",
            description = "The story the photo was published with has been withdrawn",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(
            responseCode = "404",
            description = "No published photo has this id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    Mono<ResponseEntity<byte[]>> photo(@Parameter(description = "The copy's id") @PathVariable String id) {
        return copies.read(id)
                .filterWhen(copy -> stories.findById(copy.storyId())
                        .map(story -> {
                            if (story.retracted()) {
                                throw Lifetime.notKept(ProblemException.of(
                                        HttpStatus.GONE,
                                        "Photo withdrawn",
                                        "The story this photo was published with has been withdrawn."));
                            }
                            return true;
                        })
                        .defaultIfEmpty(false))
                .map(copy -> ResponseEntity.ok()
                        .contentType(MediaType.IMAGE_JPEG)
                        .eTag(copy.sha256())
                        .cacheControl(IMMUTABLE)
                        .body(copy.bytes()))
                .switchIfEmpty(Mono.error(() -> Lifetime.notKept(ProblemException.of(
                        HttpStatus.NOT_FOUND, "Photo not found", "No photo of a published story has this address."))));
    }
}
