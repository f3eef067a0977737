package org.newsdesk.publishing.photo;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Serves publishing's copies of published photos, and nothing else: a copy is answered only while
 * the story it belongs to is published. A copy's bytes never change under its id, so caches may
 * keep it for a year without asking again ({@code immutable}); its ETag is its SHA-256.
 */
@RestController
@Tag(name = "Photos", description = "The photos published with stories")
class PhotoController {

    private final PhotoCopies copies;
    private final StoryRepository stories;

    PhotoController(PhotoCopies copies, StoryRepository stories) {
        this.copies = copies;
        this.stories = stories;
    }

    @GetMapping(path = "/photos/{id}", produces = MediaType.IMAGE_JPEG_VALUE)
    @Operation(operationId = "photo", summary = "A resized copy of a photo published with a story",
            description = "Addresses come from a story's `photos` (API) or its page's srcset; they never change "
                    + "content, so answers are immutable.")
    @ApiResponse(responseCode = "200", description = "The photo, a JPEG",
            content = @Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    @ApiResponse(responseCode = "404", description = "No published photo has this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    Mono<ResponseEntity<byte[]>> photo(@Parameter(description = "The copy's id") @PathVariable String id,
            ServerWebExchange exchange) {
        return copies.read(id)
                .filterWhen(copy -> stories.findById(copy.storyId()).hasElement())
                .flatMap(copy -> {
                    String etag = "\"" + copy.sha256() + "\"";
                    CacheControl immutable = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
                    if (exchange.checkNotModified(etag)) {
                        return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag)
                                .cacheControl(immutable).<byte[]>build());
                    }
                    return Mono.just(ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).eTag(etag)
                            .cacheControl(immutable).body(copy.bytes()));
                })
                .switchIfEmpty(Mono.error(PhotoNotFoundException::new));
    }

    static final class PhotoNotFoundException extends ErrorResponseException {

        PhotoNotFoundException() {
            super(HttpStatus.NOT_FOUND, problem(), null);
        }

        private static ProblemDetail problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No photo of a published story has this address.");
            problem.setTitle("Photo not found");
            return problem;
        }
    }
}
