package org.newsdesk.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.newsdesk.events.PhotoReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Photos kept by the claim-check pattern: each is stored once, in a GridFS bucket, and events
 * carry only a {@link PhotoReference} to it. The residents' photos live in a database of their
 * own, so that every service can read a photo by its id with its own connection and none has to
 * call another; a service that publishes photos keeps its own copies in a bucket of its own
 * ({@link #in}), so that only what it was told to publish can ever be served.
 *
 * <p>The store takes bytes that are already clean: stripping metadata is the job of whoever
 * accepts a photo from outside, before anything is stored. Names are made here (the id and the
 * type's extension), never taken from a file name a resident sent.
 */
public final class MediaStore {

    /** Generous for a photo: a resident's tip holds at most a few of them, each a few MB. */
    private static final int CHUNK_SIZE = 1024 * 1024;

    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/jpeg", "jpg", "image/png", "png", "image/webp", "webp");

    private final GridFSBucket bucket;

    private MediaStore(GridFSBucket bucket) {
        this.bucket = bucket;
    }

    /** The store in {@code database}, bucket {@code bucket}, over an existing client. */
    public static MediaStore in(MongoClient client, String database, String bucket) {
        return new MediaStore(GridFSBuckets.create(client.getDatabase(database), bucket).withChunkSizeBytes(CHUNK_SIZE));
    }

    /**
     * Stores clean image bytes under a new id and answers the reference events carry.
     *
     * @param contentType one of {@code image/jpeg}, {@code image/png}, {@code image/webp}, as decoded
     */
    public Mono<PhotoReference> store(byte[] bytes, String contentType, int width, int height) {
        Objects.requireNonNull(bytes, "bytes");
        String extension = EXTENSIONS.get(contentType);
        if (extension == null) {
            return Mono.error(new IllegalArgumentException("Not a photo type the store keeps: " + contentType));
        }
        ObjectId id = new ObjectId();
        PhotoReference reference = new PhotoReference(id.toHexString(), contentType, bytes.length, sha256(bytes),
                width, height);
        GridFSUploadOptions options = new GridFSUploadOptions().metadata(new Document()
                .append("contentType", contentType)
                .append("sha256", reference.sha256())
                .append("width", width)
                .append("height", height));
        return Mono.from(bucket.uploadFromPublisher(new BsonObjectId(id), id.toHexString() + "." + extension,
                        Mono.fromSupplier(() -> ByteBuffer.wrap(bytes)), options))
                .then(Mono.just(reference));
    }

    /** The photo with this id, or empty when there is none (a malformed id included). */
    public Mono<StoredPhoto> read(String id) {
        ObjectId objectId = parse(id);
        if (objectId == null) {
            return Mono.empty();
        }
        return Mono.from(bucket.find(Filters.eq("_id", objectId)).first())
                .flatMap(file -> Flux.from(bucket.downloadToPublisher(objectId))
                        .collect(ByteArrayOutputStream::new, MediaStore::append)
                        .map(out -> new StoredPhoto(referenceOf(file), out.toByteArray())));
    }

    /** Whether a photo with this id was there to delete. */
    public Mono<Boolean> delete(String id) {
        ObjectId objectId = parse(id);
        if (objectId == null) {
            return Mono.just(false);
        }
        return Mono.from(bucket.find(Filters.eq("_id", objectId)).first())
                .flatMap(file -> Mono.from(bucket.delete(objectId)).thenReturn(true))
                .defaultIfEmpty(false);
    }

    private static PhotoReference referenceOf(GridFSFile file) {
        Document metadata = file.getMetadata() == null ? new Document() : file.getMetadata();
        return new PhotoReference(file.getObjectId().toHexString(), metadata.getString("contentType"),
                file.getLength(), metadata.getString("sha256"), metadata.getInteger("width", 0),
                metadata.getInteger("height", 0));
    }

    private static void append(ByteArrayOutputStream out, ByteBuffer buffer) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        out.writeBytes(chunk);
    }

    private static ObjectId parse(String id) {
        return id != null && ObjectId.isValid(id) ? new ObjectId(id) : null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
