package org.newsdesk.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The pipeline MongoDB's drivers send for {@code countDocuments} (Spring Data's {@code count}):
 * {@code $match}, then {@code $skip} and {@code $limit} if asked, then {@code $group} of everything
 * into {@code n}. mongo-java-server runs every pipeline over the whole collection, so each count
 * read the archive; this one is answered as a query, through the indexes its filter can use.
 */
record CountPipeline(Document filter, int skip, int limit) {

    /** The count the pipeline asks for, or {@code null} when it is any other pipeline. */
    static CountPipeline of(Object pipeline) {
        if (!(pipeline instanceof List<?> stages) || stages.size() < 2 || stages.size() > 4) {
            return null;
        }
        if (!(stages.get(0) instanceof Document first
                && first.size() == 1
                && first.get("$match") instanceof Document filter)) {
            return null;
        }
        if (!countsEverything(stages.get(stages.size() - 1))) {
            return null;
        }
        int skip = 0;
        int limit = 0;
        for (Object stage : stages.subList(1, stages.size() - 1)) {
            if (!(stage instanceof Document step) || step.size() != 1) {
                return null;
            }
            if (step.get("$skip") instanceof Number number) {
                skip = number.intValue();
            } else if (step.get("$limit") instanceof Number number) {
                limit = number.intValue();
            } else {
                return null;
            }
        }
        return new CountPipeline(filter, skip, limit);
    }

    /** {@code {$group: {_id: 1, n: {$sum: 1}}}}, as the drivers write it. */
    private static boolean countsEverything(Object stage) {
        return stage instanceof Document last
                && last.size() == 1
                && last.get("$group") instanceof Document group
                && group.size() == 2
                && group.get("_id") instanceof Number id
                && id.intValue() == 1
                && group.get("n") instanceof Document sum
                && sum.size() == 1
                && sum.get("$sum") instanceof Number one
                && one.intValue() == 1;
    }

    /** The aggregate command's answer for {@code count} documents in {@code namespace}: one batch, no cursor left. */
    static Document answer(String namespace, int count) {
        List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", 1).append("n", count));
        return new Document(
                        "cursor", new Document("id", 0L).append("ns", namespace).append("firstBatch", batch))
                .append("ok", 1.0);
    }
}
