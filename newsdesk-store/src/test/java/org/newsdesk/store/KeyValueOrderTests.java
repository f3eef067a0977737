package org.newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * The unique indexes' keys are ordered by their values, equal exactly when their values are, and
 * written as H2's own type writes them.
 */
class KeyValueOrderTests {

    private final KeyValueOrder order = new KeyValueOrder();

    @Test
    void keysAreOrderedByTheirValuesAndEqualOnlyWhenTheirValuesAre() {
        assertThat(order.compare(new KeyValue("tip-1"), new KeyValue("tip-2"))).isNegative();
        assertThat(order.compare(new KeyValue("tip-10"), new KeyValue("tip-2"))).isNegative();
        assertThat(order.compare(new KeyValue("tip-2"), new KeyValue("tip-2"))).isZero();
        assertThat(order.compare(new KeyValue(2L), new KeyValue(10L))).isNegative();
        assertThat(order.compare(new KeyValue("a", 1.5), new KeyValue("a", 1.5)))
                .isZero();
        assertThat(order.compare(new KeyValue("a", 1.5), new KeyValue("a", 2.5)))
                .isNegative();
        // Values of different types are never equal, and always ordered the same way round
        assertThat(order.compare(new KeyValue(1), new KeyValue(1L))).isNotZero();
        assertThat(Integer.signum(order.compare(new KeyValue(1), new KeyValue("1"))))
                .isEqualTo(-Integer.signum(order.compare(new KeyValue("1"), new KeyValue(1))));
        // What no order of its own covers is compared by its serialization, as H2 compares it
        Document first = new Document("area", "Ilkeston");
        assertThat(order.compare(new KeyValue(first), new KeyValue(new Document("area", "Ilkeston"))))
                .isZero();
        assertThat(order.compare(new KeyValue(first), new KeyValue(new Document("area", "Long Eaton"))))
                .isNotZero();
        assertThat(order.compare(new KeyValue(Missing.getInstance()), new KeyValue(Missing.getInstance())))
                .isZero();
        assertThat(order.compare(new KeyValue((Object) null), new KeyValue("tip-1")))
                .isNegative();
    }

    @Test
    void anIndexMapInThisOrderFindsEveryKeyAndKeepsItsBytesAsH2WritesThem() {
        // Given a map of 20,000 keys of every kind an index holds, in random order
        MVStore store = new MVStore.Builder().open();
        MVMap<KeyValue, Object> index =
                store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
        Random random = new Random(7);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            keys.add(
                    switch (i % 6) {
                        case 0 ->
                            new KeyValue(UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)})
                                    .toString());
                        case 1 -> new KeyValue((long) random.nextInt());
                        case 2 -> new KeyValue(new Date(1_700_000_000_000L + i));
                        case 3 -> new KeyValue(Instant.ofEpochSecond(i), "slug-" + i);
                        case 4 -> new KeyValue(new ObjectId());
                        default -> new KeyValue(new Document("n", i));
                    });
        }
        for (int position = 0; position < keys.size(); position++) {
            index.putIfAbsent(keys.get(position), position);
        }

        // Then every key is found, once, and its copy too
        assertThat(index.sizeAsLong()).isEqualTo(keys.stream().distinct().count());
        for (KeyValue key : keys) {
            assertThat(index.get(new KeyValue(key.stream().toList())))
                    .as(key.toString())
                    .isNotNull();
        }
        assertThat(index.get(new KeyValue("no such tip"))).isNull();

        // And a key is written byte for byte as H2's own type writes it
        KeyValue key = keys.get(0);
        org.h2.mvstore.WriteBuffer ours = new org.h2.mvstore.WriteBuffer();
        org.h2.mvstore.WriteBuffer h2s = new org.h2.mvstore.WriteBuffer();
        order.write(ours, key);
        new ObjectDataType().write(h2s, key);
        assertThat(ours.getBuffer().flip()).isEqualTo(h2s.getBuffer().flip());
        store.close();
    }
}
