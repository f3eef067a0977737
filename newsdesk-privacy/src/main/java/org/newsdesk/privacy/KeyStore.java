package org.newsdesk.privacy;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import java.util.Collection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The wrapped data keys, in a database of their own: small (one short document per tip that gave
 * contact details), owned by submission-service, which makes and deletes them, and read by
 * moderation-service to show moderators the details. It is the one store two services share
 * besides the media store: the alternative, a key travelling on a topic, would put it in the very
 * log it must be erasable from.
 */
final class KeyStore {

    static final String COLLECTION = "dataKeys";
    static final String MASTER_KEY_ID = "masterKeyId";

    private final ReactiveMongoOperations mongo;

    private KeyStore(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    static KeyStore in(MongoClient client, String database) {
        // Its own database, apart from the service's, with the default mapping: it knows only this one type.
        return new KeyStore(new ReactiveMongoTemplate(client, database));
    }

    /** Keeps a new key; fails with a {@code DuplicateKeyException} when the tip has one already. */
    Mono<Void> insert(WrappedDataKey key) {
        return mongo.insert(key).then();
    }

    Mono<WrappedDataKey> find(String tipId) {
        return mongo.findById(tipId, WrappedDataKey.class);
    }

    /** Whether this call deleted the key; {@code false} when it was gone already. */
    Mono<Boolean> delete(String tipId) {
        return mongo.remove(query(where("_id").is(tipId)), WrappedDataKey.class)
                .map(result -> result.getDeletedCount() > 0);
    }

    /** Up to {@code limit} keys wrapped under any of these master keys. */
    Flux<WrappedDataKey> wrappedUnder(Collection<String> masterKeyIds, int limit) {
        return mongo.find(query(where(MASTER_KEY_ID).in(masterKeyIds)).limit(limit), WrappedDataKey.class);
    }

    /** Replaces the key's wrapping, unless another instance re-wrapped or erased it meanwhile. */
    Mono<Boolean> rewrap(WrappedDataKey before, byte[] wrapped, String masterKeyId) {
        return mongo.updateFirst(
                        query(where("_id").is(before.tipId()).and(MASTER_KEY_ID).is(before.masterKeyId())),
                        new Update().set("wrapped", wrapped).set(MASTER_KEY_ID, masterKeyId),
                        WrappedDataKey.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /** What a rotation looks keys up by; the key store's owner makes it. */
    Mono<Void> makeIndexes() {
        return mongo.indexOps(COLLECTION)
                .createIndex(new Index().on(MASTER_KEY_ID, Sort.Direction.ASC).named("data_key_master_key"))
                .then();
    }
}
