package org.newsdesk.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A filter as a log may show it: its fields and operators, every value a {@code ?}. A filter can
 * hold what a resident wrote or was given (a receipt code, an email's hash), and a log outlives
 * the erasure of both.
 */
final class QueryShape {

    private QueryShape() {}

    static String of(Object filter) {
        if (filter instanceof Document document) {
            return document.entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + of(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (filter instanceof Collection<?> values
                && !values.isEmpty()
                && values.stream().allMatch(Document.class::isInstance)) {
            // The clauses of an $and, $or or $nor: each a filter of its own.
            return values.stream().map(QueryShape::of).collect(Collectors.joining(", ", "[", "]"));
        }
        return "?";
    }
}
