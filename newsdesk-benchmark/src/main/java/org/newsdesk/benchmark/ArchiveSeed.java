package org.newsdesk.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Fills a store with an archive, to measure Newsdesk as it meets a newsroom after years: clones
 * the newest record of each named collection {@code records} times (a fresh id everywhere the
 * original's id appears, every uniquely indexed value made unique, every date moved one minute
 * further back per copy), straight into MongoDB. Records made by Newsdesk itself are the templates,
 * so the copies are exactly what its code reads; run a tip through first.
 *
 * <p>An archive is work done: its tips were decided long ago, their events relayed, their emails
 * sent and their contact details erased. So the template is the newest record that no longer
 * waits for a moderator, and a copy keeps none of the fields that mark work still to do; copies of
 * a waiting tip would measure a queue of 100,000, and copies due for erasure a retention backlog.
 *
 * <pre>java -jar newsdesk-benchmark.jar seed-archive records=100000 collections=newsdesk-moderation.tips,...</pre>
 */
final class ArchiveSeed {

    private static final int BATCH = 1_000;

    /** The fields that mark work still to do on a record: events to relay, acts to record, emails and erasures due. */
    private static final List<String> PENDING_WORK =
            List.of("outbox", "outboxParked", "recordPending", "noticeDueAt", "contactErasableAt");

    private ArchiveSeed() {}

    public static void main(String[] args) {
        Map<String, String> settings = Arguments.parse(
                args,
                Map.of(
                        "records",
                        "100000",
                        "mongo",
                        "mongodb://127.0.0.1:27017",
                        "collections",
                        "newsdesk-moderation.tips,newsdesk-publishing.stories,newsdesk-submission.tips,"
                                + "newsdesk-submission.receipts"));
        int records = Integer.parseInt(settings.get("records"));
        try (MongoClient mongo = MongoClients.create(settings.get("mongo"))) {
            for (String name : settings.get("collections").split(",")) {
                String[] where = name.trim().split("\\.", 2);
                MongoCollection<Document> collection =
                        mongo.getDatabase(where[0]).getCollection(where[1]);
                long started = System.nanoTime();
                int written = seed(collection, records);
                System.out.printf(
                        "%s: %d copies in %.1f s%n",
                        name,
                        written,
                        Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
            }
        }
    }

    private static int seed(MongoCollection<Document> collection, int records) {
        Document template = collection
                .find(Filters.ne("state", "PENDING"))
                .sort(Sorts.descending("_id"))
                .first();
        if (template == null) {
            System.out.println(collection.getNamespace() + ": no record past the queue to copy (decide a tip first)");
            return 0;
        }
        PENDING_WORK.forEach(template::remove);
        Set<String> unique = uniqueFields(collection);
        List<Document> batch = new ArrayList<>(BATCH);
        for (int copy = 1; copy <= records; copy++) {
            batch.add(copyOf(template, copy, unique));
            if (batch.size() == BATCH || copy == records) {
                collection.insertMany(batch, new InsertManyOptions().ordered(false));
                batch.clear();
            }
        }
        return records;
    }

    private static Set<String> uniqueFields(MongoCollection<Document> collection) {
        Set<String> fields = new HashSet<>();
        for (Document index : collection.listIndexes()) {
            if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                fields.addAll(index.get("key", Document.class).keySet());
            }
        }
        fields.remove("_id");
        return fields;
    }

    private static Document copyOf(Document template, int copy, Set<String> unique) {
        Object id = template.get("_id");
        Object newId =
                id instanceof ObjectId ? new ObjectId() : UUID.randomUUID().toString();
        Document copied = (Document) rewrite(template, String.valueOf(id), String.valueOf(newId), copy);
        copied.put("_id", newId);
        for (String field : unique) {
            Object value = copied.get(field);
            if (value instanceof String text) {
                // Not "-N": that is how a story's slug is numbered when its headline is taken, and
                // a hundred thousand numbered variants of one headline is no archive's shape.
                copied.put(field, text + "-archived-" + copy);
            }
        }
        return copied;
    }

    /** The value with the original id replaced by the copy's wherever it appears, and dates moved back. */
    private static Object rewrite(Object value, String id, String newId, int copy) {
        if (value instanceof Document document) {
            Document copied = new Document();
            document.forEach((key, inner) -> copied.put(key, rewrite(inner, id, newId, copy)));
            return copied;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(inner -> rewrite(inner, id, newId, copy)).toList();
        }
        if (value instanceof String text && text.contains(id)) {
            return text.replace(id, newId);
        }
        if (value instanceof Date date) {
            return new Date(date.getTime() - Duration.ofMinutes(copy).toMillis());
        }
        return value;
    }
}
