package org.newsdesk.submission.photo;

import java.util.List;
import java.util.function.Consumer;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.media.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Residents' photos in the media store, once {@link PhotoCleaner} has left nothing in them but
 * their pixels: stored before the tip that refers to them, removed again if that tip is not.
 */
@Component
public class ResidentPhotos {

    private static final Logger log = LoggerFactory.getLogger(ResidentPhotos.class);

    private final MediaStore media;

    ResidentPhotos(MediaStore media) {
        this.media = media;
    }

    /**
     * Stores clean photos in the media store, in their order.
     *
     * @param stored told of each photo once it is stored, so that a caller can remove those already
     *               stored should a later one fail
     */
    public Mono<List<PhotoReference>> store(List<CleanPhoto> photos, Consumer<PhotoReference> stored) {
        return Flux.fromIterable(photos)
                .concatMap(photo -> media.store(photo.bytes(), photo.contentType(), photo.width(), photo.height()))
                .doOnNext(stored)
                .collectList();
    }

    /**
     * Removes photos stored for a tip that was then not stored: nothing refers to them. Best effort:
     * one left behind is an unreferenced file nobody can find, not a leak of anything.
     */
    public Mono<Void> forget(List<PhotoReference> photos) {
        return Flux.fromIterable(photos)
                .concatMap(photo -> media.delete(photo.id()))
                .onErrorResume(failure -> {
                    log.warn(
                            "Could not remove the photos of a tip that was not stored: {}",
                            failure.getClass().getName());
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Deletes a tip's photos from the media store once its contact details are erased; a photo
     * already gone counts as deleted. Fails when one could not be deleted, so the caller tries again.
     */
    public Mono<Void> delete(List<String> ids) {
        return Flux.fromIterable(ids).concatMap(media::delete).then();
    }
}
