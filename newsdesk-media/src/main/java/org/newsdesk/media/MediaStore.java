package org.newsdesk.media;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.reactivestreams.client.MongoClient;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.codec.digest.DigestUtils;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.newsdesk.events.PhotoReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.ReactiveGridFsOperations;
import org.springframework.data.mongodb.gridfs.ReactiveGridFsTemplate;
import org.springframework.data.mongodb.gridfs.ReactiveGridFsUpload;
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

    private static final Map<String, String> EXTENSIONS =
            Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp", "webp");

    private final ReactiveGridFsOperations gridFs;

    private MediaStore(ReactiveGridFsOperations gridFs) {
        this.gridFs = gridFs;
    }

    /** The store in {@code database}, bucket {@code bucket}, over an existing client. */
    public static MediaStore in(MongoClient client, String database, String bucket) {
        // The bucket's own database, apart from the service's: a converter of its own, with no mapped types to know.
        MappingMongoConverter converter =
                new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, new MongoMappingContext());
        converter.afterPropertiesSet();
        return new MediaStore(new ReactiveGridFsTemplate(
                new SimpleReactiveMongoDatabaseFactory(client, database), converter, bucket));
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
        PhotoReference reference = new PhotoReference(
                id.toHexString(), contentType, bytes.length, DigestUtils.sha256Hex(bytes), width, height);
        ReactiveGridFsUpload<ObjectId> upload = ReactiveGridFsUpload.fromPublisher(
                        Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(bytes)))
                .id(id)
                .filename(id.toHexString() + "." + extension)
                .chunkSize(CHUNK_SIZE)
                // The type in the metadata's own field, where every stored photo has it (not Spring's _contentType).
                .metadata(new Document()
                        .append("contentType", contentType)
                        .append("sha256", reference.sha256())
                        .append("width", width)
                        .append("height", height))
                .build();
        return gridFs.store(upload).thenReturn(reference);
    }

    /** The photo with this id, or empty when there is none (a malformed id included). */
    public Mono<StoredPhoto> read(String id) {
        ObjectId objectId = parse(id);
        if (objectId == null) {
            return Mono.empty();
        }
        return gridFs.findOne(byId(objectId))
                .flatMap(file -> gridFs.getResource(file)
                        .flatMap(resource -> DataBufferUtils.join(resource.getDownloadStream()))
                        .map(content -> new StoredPhoto(referenceOf(file), bytesOf(content))));
    }

    /** Whether a photo with this id was there to delete. */
    public Mono<Boolean> delete(String id) {
        ObjectId objectId = parse(id);
        if (objectId == null) {
            return Mono.just(false);
        }
        return gridFs.findOne(byId(objectId))
                .flatMap(file -> gridFs.delete(byId(objectId)).thenReturn(true))
                .defaultIfEmpty(false);
    }

    private static Query byId(ObjectId id) {
        return query(where("_id").is(id));
    }

    private static PhotoReference referenceOf(GridFSFile file) {
        Document metadata = file.getMetadata() == null ? new Document() : file.getMetadata();
        return new PhotoReference(
                file.getObjectId().toHexString(),
                metadata.getString("contentType"),
                file.getLength(),
                metadata.getString("sha256"),
                metadata.getInteger("width", 0),
                metadata.getInteger("height", 0));
    }

    private static byte[] bytesOf(DataBuffer content) {
        try {
            byte[] bytes = new byte[content.readableByteCount()];
            content.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(content);
        }
    }

    private static ObjectId parse(String id) {
        return id != null && ObjectId.isValid(id) ? new ObjectId(id) : null;
    }
}
