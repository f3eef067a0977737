package org.newsdesk.publishing.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description as developers read it on {@code /developers}: made from the very
 * document {@code /v3/api-docs} serves, so the page cannot say anything the description does not.
 * Everything in it is text the template escapes.
 *
 * @param contactEmail {@code null} when the outlet gives none
 * @param groups       the operations by their tag: the JSON API's first, then in the order the
 *                     description first names them
 * @param schemas      the shapes of the JSON answers, by name
 */
record ApiReference(
        String title,
        String version,
        String description,
        String contactName,
        String contactUrl,
        @Nullable String contactEmail,
        List<Group> groups,
        List<Shape> schemas) {

    /** The operations that share a tag ("Stories", "Feeds", "Pages"). */
    record Group(String name, @Nullable String description, List<Endpoint> endpoints) {}

    /**
     * One operation.
     *
     * @param anchor the id of its heading on the page, for links to it
     */
    record Endpoint(
            String method,
            String path,
            String anchor,
            String summary,
            @Nullable String description,
            List<Field> parameters,
            List<Answer> responses) {}

    /**
     * A parameter or a schema's property.
     *
     * @param where "query", "path", "header", or the type for a property
     */
    record Field(
            String name,
            String where,
            boolean required,
            @Nullable String description) {}

    /** A status the operation answers with, what it means and the media types of its body. */
    record Answer(String status, String description, String mediaTypes) {}

    /** A schema: a JSON object's fields. */
    record Shape(String name, @Nullable String description, List<Field> properties) {}

    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete", "options");

    static ApiReference of(JsonNode api) {
        JsonNode info = api.path("info");
        Map<String, List<Endpoint>> byTag = new LinkedHashMap<>();
        Map<String, String> tagDescriptions = new LinkedHashMap<>();
        for (JsonNode tag : api.path("tags")) {
            byTag.put(tag.path("name").asString(), new ArrayList<>());
            tagDescriptions.put(tag.path("name").asString(), text(tag.path("description")));
        }
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                JsonNode node = operation.getValue();
                String tag = node.path("tags").path(0).asString("Other");
                byTag.computeIfAbsent(tag, name -> new ArrayList<>())
                        .add(endpoint(path.getKey(), operation.getKey(), node));
            }
        }
        // The JSON API first: what most developers come for; then the rest as the description has it.
        List<Group> groups = byTag.entrySet().stream()
                .filter(group -> !group.getValue().isEmpty())
                .sorted(Comparator.comparing(group -> group.getValue().stream()
                        .noneMatch(endpoint -> endpoint.path().startsWith("/api/"))))
                .map(group ->
                        new Group(group.getKey(), tagDescriptions.get(group.getKey()), List.copyOf(group.getValue())))
                .toList();
        List<Shape> schemas = new ArrayList<>();
        for (Map.Entry<String, JsonNode> schema :
                api.path("components").path("schemas").properties()) {
            schemas.add(shape(schema.getKey(), schema.getValue()));
        }
        JsonNode contact = info.path("contact");
        return new ApiReference(
                info.path("title").asString(),
                info.path("version").asString(),
                info.path("description").asString(),
                contact.path("name").asString(""),
                contact.path("url").asString(""),
                text(contact.path("email")),
                groups,
                List.copyOf(schemas));
    }

    private static Endpoint endpoint(String path, String method, JsonNode operation) {
        List<Field> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            parameters.add(new Field(
                    parameter.path("name").asString(),
                    parameter.path("in").asString(),
                    parameter.path("required").asBoolean(false),
                    text(parameter.path("description"))));
        }
        List<Answer> responses = new ArrayList<>();
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            responses.add(new Answer(
                    response.getKey(),
                    response.getValue().path("description").asString(""),
                    String.join(
                            ", ",
                            new TreeSet<>(response.getValue().path("content").propertyNames()))));
        }
        String verb = method.toUpperCase(java.util.Locale.ROOT);
        return new Endpoint(
                verb,
                path,
                operation
                        .path("operationId")
                        .asString(verb.toLowerCase(java.util.Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "-")),
                operation.path("summary").asString(""),
                text(operation.path("description")),
                List.copyOf(parameters),
                List.copyOf(responses));
    }

    private static Shape shape(String name, JsonNode schema) {
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(field -> required.add(field.asString()));
        List<Field> properties = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            properties.add(new Field(
                    property.getKey(),
                    type(property.getValue()),
                    required.contains(property.getKey()),
                    text(property.getValue().path("description"))));
        }
        return new Shape(name, text(schema.path("description")), List.copyOf(properties));
    }

    /** A property's type as a developer reads it: {@code string or null}, {@code list of Photo}, {@code Story}. */
    private static String type(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        JsonNode type = schema.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(one -> types.add(one.asString()));
        } else if (!type.isMissingNode()) {
            types.add(type.asString());
        }
        if (types.isEmpty()) {
            return "any";
        }
        List<String> shown = new ArrayList<>();
        for (String one : types) {
            if ("array".equals(one)) {
                shown.add("list of " + type(schema.path("items")));
            } else if (schema.has("format") && !"null".equals(one)) {
                shown.add(one + " (" + schema.path("format").asString() + ")");
            } else {
                shown.add(one);
            }
        }
        return String.join(" or ", shown);
    }

    private static @Nullable String text(JsonNode node) {
        String text = node.asString("");
        return text.isBlank() ? null : text;
    }
}
