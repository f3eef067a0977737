package org.newsdesk.publishing.photo;

import com.mongodb.reactivestreams.client.MongoClient;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import net.coobird.thumbnailator.Thumbnails;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.media.MediaStore;
import org.newsdesk.media.StoredPhoto;
import org.newsdesk.messaging.RecordMetadataLogging;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes publishing's copies of the photos a moderator chose: each read once from the shared media
 * store, resized into a few widths (JPEG), kept in publishing's own GridFS bucket
 * {@value #BUCKET}, and registered in {@value #VARIANTS} under the story they belong to, which is
 * what the photo handler checks before it serves one.
 *
 * <p>Copies are made before the story is stored, so a story never shows a photo that is not there
 * yet. A redelivered decision reuses the copies its story already has instead of making new ones;
 * a crash between copying and storing the story leaves copies behind that the story does not show
 * (they are only ever served while their story is published).
 * Blocking: runs on Kafka listener threads and in the rebuild, never on the web server's loop.
 */
@Component
public class PhotoCopies {

    static final String BUCKET = "story-photos";
    static final String VARIANTS = "story_photo_variants";

    /** Phones, phones held sideways and small laptops, large screens; never wider than the original. */
    static final List<Integer> WIDTHS = List.of(320, 640, 1024, 1600);

    private static final float JPEG_QUALITY = 0.82f;

    private static final Logger log = LoggerFactory.getLogger(PhotoCopies.class);

    private final MediaStore shared;
    private final MediaStore own;
    private final ReactiveMongoOperations mongo;

    /** The copies' bucket is in this service's own database, the one its stories are in. */
    PhotoCopies(MediaStore mediaStore, MongoClient client, MongoProperties database, ReactiveMongoOperations mongo) {
        this.shared = mediaStore;
        this.own = MediaStore.in(client, database.getMongoClientDatabase(), BUCKET);
        this.mongo = mongo;
    }

    /**
     * A copy, registered under the story it belongs to: what the photo handler checks before
     * serving it. Its id is the copy's id in the bucket, kept as text as it always was.
     */
    @Document(VARIANTS)
    record RegisteredCopy(
            @MongoId(FieldType.STRING) String id,
            String storyId,
            String sourceId,
            int width,
            int height,
            String sha256) {}

    /** The collections the copies live in, for the rebuild command. */
    public static List<String> collections() {
        return List.of(VARIANTS, BUCKET + ".files", BUCKET + ".chunks");
    }

    /**
     * Publishing's copies of the chosen photos, in their order: those already made for this
     * story ({@code existing}) are reused; a photo the shared store no longer has is left out.
     */
    public List<PublishedPhoto> copy(String storyId, List<StoryPhoto> chosen, List<PublishedPhoto> existing) {
        List<PublishedPhoto> copies = new ArrayList<>();
        for (StoryPhoto photo : chosen) {
            Optional<PublishedPhoto> made = existing.stream()
                    .filter(copy -> copy.sourceId().equals(photo.photo().id()))
                    .findFirst();
            if (made.isPresent()) {
                copies.add(published(photo, made.get().variants()));
                continue;
            }
            StoredPhoto original = shared.read(photo.photo().id()).block();
            if (original == null) {
                log.warn(
                        "Story {}: photo {} is not in the media store; publishing the story without it",
                        storyId,
                        photo.photo().id());
                continue;
            }
            try {
                copies.add(published(photo, variants(storyId, original)));
            } catch (UndecodablePhotoException e) {
                // Not worth holding the story back: it is published without the photo. The decoder's
                // failure is named by its type: its message may quote the file.
                log.warn(
                        "Story {}: photo {} ({}) cannot be decoded ({}); publishing the story without it",
                        storyId,
                        photo.photo().id(),
                        original.reference().contentType(),
                        e.getCause() == null ? "no reader takes it" : RecordMetadataLogging.describe(e.getCause()));
            }
        }
        return copies;
    }

    /** The copies with what the moderator and the resident said of the photo: caption, alt text and credit. */
    private static PublishedPhoto published(StoryPhoto photo, List<PublishedPhoto.Variant> variants) {
        return new PublishedPhoto(
                photo.photo().id(),
                photo.caption(),
                variants,
                photo.alt(),
                photo.photo().credit());
    }

    private List<PublishedPhoto.Variant> variants(String storyId, StoredPhoto original) {
        BufferedImage image = rgb(decode(original));
        List<PublishedPhoto.Variant> variants = new ArrayList<>();
        for (int width : widths(image.getWidth())) {
            byte[] jpeg = resize(image, width);
            BufferedImage resized = decode(jpeg);
            PhotoReference stored = own.store(jpeg, "image/jpeg", resized.getWidth(), resized.getHeight())
                    .block();
            mongo.save(new RegisteredCopy(
                            stored.id(),
                            storyId,
                            original.reference().id(),
                            stored.width(),
                            stored.height(),
                            stored.sha256()))
                    .block();
            variants.add(new PublishedPhoto.Variant(stored.id(), stored.width(), stored.height()));
        }
        return variants;
    }

    /** The standard widths narrower than the original, and the original's own width up to the largest. */
    static List<Integer> widths(int original) {
        TreeSet<Integer> widths = new TreeSet<>();
        WIDTHS.stream().filter(width -> width < original).forEach(widths::add);
        widths.add(Math.min(original, WIDTHS.get(WIDTHS.size() - 1)));
        return List.copyOf(widths);
    }

    private static byte[] resize(BufferedImage image, int width) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thumbnails.of(image)
                    .width(width)
                    .outputFormat("jpg")
                    .outputQuality(JPEG_QUALITY)
                    .toOutputStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage decode(StoredPhoto photo) {
        BufferedImage image = decode(photo.bytes());
        if (image == null) {
            throw new UndecodablePhotoException(null);
        }
        return image;
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new UndecodablePhotoException(e);
        }
    }

    static final class UndecodablePhotoException extends RuntimeException {

        /** @param cause the decoder's failure, or {@code null} when no decoder took the photo at all */
        UndecodablePhotoException(Throwable cause) {
            super("a photo cannot be decoded", cause);
        }
    }

    /** JPEG has no transparency: a PNG's transparent parts become white rather than black. */
    private static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return rgb;
    }

    /** A copy's bytes when it belongs to a story; empty for an id that is not a copy. */
    Mono<Copy> read(String variantId) {
        return mongo.findById(variantId, RegisteredCopy.class)
                .flatMap(variant -> own.read(variantId)
                        .map(stored -> new Copy(
                                variant.storyId(),
                                stored.bytes(),
                                stored.reference().sha256())));
    }

    record Copy(String storyId, byte[] bytes, String sha256) {}
}
