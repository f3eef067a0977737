package org.newsdesk.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.apache.commons.codec.digest.DigestUtils;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

/** The store on a real MongoDB wire-protocol server: what goes in comes out, byte for byte. */
class MediaStoreTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static MongoClient client;

    private static MediaStore store;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InProcessMongo.connectionString());
        store = MediaStore.in(client, "newsdesk-media-tests", "photos");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aStoredPhotoReadsBackWholeWithItsReference() {
        // Given a photo larger than one GridFS chunk
        byte[] bytes = new byte[2 * 1024 * 1024 + 17];
        new Random(7).nextBytes(bytes);

        // When it is stored and read back by the id in its reference
        PhotoReference reference = store.store(bytes, "image/jpeg", 1600, 1200).block(WAIT);
        StoredPhoto read = store.read(reference.id()).block(WAIT);

        // Then the bytes and the reference are the same, and the digest is the bytes' own
        assertThat(read.bytes()).isEqualTo(bytes);
        assertThat(read.reference()).isEqualTo(reference);
        assertThat(reference.size()).isEqualTo(bytes.length);
        assertThat(reference.sha256()).isEqualTo(DigestUtils.sha256Hex(bytes)).hasSize(64);
    }

    @Test
    void aPhotoStoredWithTheDriversOwnGridFsReadsBackAsItWasStored() {
        // Given a photo stored as Newsdesk stored them before Spring Data's GridFS: the driver's bucket, the type in
        // the metadata
        ObjectId id = new ObjectId();
        GridFSUploadOptions options = new GridFSUploadOptions()
                .chunkSizeBytes(1024 * 1024)
                .metadata(new Document()
                        .append("contentType", "image/png")
                        .append("sha256", DigestUtils.sha256Hex(new byte[] {7, 7}))
                        .append("width", 2)
                        .append("height", 1));
        Mono.from(GridFSBuckets.create(client.getDatabase("newsdesk-media-tests"), "photos")
                        .uploadFromPublisher(
                                new BsonObjectId(id),
                                id.toHexString() + ".png",
                                Mono.just(ByteBuffer.wrap(new byte[] {7, 7})),
                                options))
                .block(WAIT);

        // When it is read through the store
        StoredPhoto read = store.read(id.toHexString()).block(WAIT);

        // Then it is the same photo, with the same reference
        assertThat(read.bytes()).containsExactly(7, 7);
        assertThat(read.reference())
                .isEqualTo(new PhotoReference(
                        id.toHexString(), "image/png", 2, DigestUtils.sha256Hex(new byte[] {7, 7}), 2, 1));
    }

    @Test
    void unknownAndMalformedIdsReadAsNothing() {
        assertThat(store.read("6650f3a2c1d4e5f6a7b8c9d0").blockOptional(WAIT)).isEmpty();
        assertThat(store.read("../../etc/passwd").blockOptional(WAIT)).isEmpty();
        assertThat(store.read(null).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void aDeletedPhotoIsGone() {
        PhotoReference reference =
                store.store(new byte[] {1, 2, 3}, "image/png", 1, 1).block(WAIT);

        assertThat(store.delete(reference.id()).block(WAIT)).isTrue();
        assertThat(store.read(reference.id()).blockOptional(WAIT)).isEmpty();
        assertThat(store.delete(reference.id()).block(WAIT)).isFalse();
    }

    @Test
    void onlyPhotoTypesAreKept() {
        assertThatThrownBy(() -> store.store(new byte[] {1}, "text/html", 0, 0).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachServiceGetsTheSharedStoreFromItsOwnConnection() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(MongoReactiveAutoConfiguration.class, MediaAutoConfiguration.class))
                .withPropertyValues("spring.mongodb.uri=" + InProcessMongo.connectionString() + "/moderation")
                .run(context -> {
                    MediaStore shared = context.getBean(MediaStore.class);
                    PhotoReference stored =
                            store.store(new byte[] {9}, "image/webp", 1, 1).block(WAIT);

                    // A photo stored elsewhere in the default media database is not in this test's bucket...
                    assertThat(shared.read(stored.id()).blockOptional(WAIT)).isEmpty();
                    // ...but one stored through the configured store reads back through another instance of it.
                    PhotoReference viaShared =
                            shared.store(new byte[] {4, 2}, "image/png", 2, 1).block(WAIT);
                    MediaStore again = MediaStore.in(client, new MediaProperties(null, null).database(), "photos");
                    assertThat(again.read(viaShared.id()).block(WAIT).bytes()).containsExactly(4, 2);
                });
    }
}
