package org.newsdesk.moderation.web;

/** One thing wrong with one field of a request, as listed in a problem detail's {@code errors}. */
public record FieldProblem(String field, String message) {
}
