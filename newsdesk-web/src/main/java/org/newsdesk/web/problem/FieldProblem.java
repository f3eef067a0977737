package org.newsdesk.web.problem;

/**
 * One thing wrong with one field of a request (a JSON property, a form field, a query parameter),
 * as a problem detail lists it under {@code errors}, so a client can show it beside the input.
 *
 * @param field   the field's name as the client sent it: {@code headline}, {@code photos[0].id}
 * @param message what is wrong, as a phrase that follows the field's name: "is required"
 */
public record FieldProblem(String field, String message) {}
