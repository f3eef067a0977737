package org.newsdesk.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The logical type names that travel in the type header instead of Java class names, so that a
 * consumer in any language, or a renamed class, still understands the message.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends NewsdeskEvent>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put(TipSubmitted.TYPE, TipSubmitted.class);
        BY_NAME.put(TipWithdrawn.TYPE, TipWithdrawn.class);
        BY_NAME.put(ContactErased.TYPE, ContactErased.class);
        BY_NAME.put(TipDecided.TYPE, TipDecided.class);
        BY_NAME.put(StoryPublished.TYPE, StoryPublished.class);
        BY_NAME.put(StoryCorrected.TYPE, StoryCorrected.class);
        BY_NAME.put(StoryRetracted.TYPE, StoryRetracted.class);
    }

    private EventTypes() {}

    public static Map<String, Class<? extends NewsdeskEvent>> byName() {
        return Map.copyOf(BY_NAME);
    }

    /** The logical name of an event's type, as the type header carries it. */
    public static String nameOf(NewsdeskEvent event) {
        return BY_NAME.entrySet().stream()
                .filter(entry -> entry.getValue() == event.getClass())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a registered event type: " + event.getClass()));
    }

    /** The event type registered under a logical name, if any. */
    public static Class<? extends NewsdeskEvent> byName(String name) {
        return BY_NAME.get(name);
    }

    /** In the {@code name:fully.qualified.Class,...} form Spring Kafka's JSON (de)serializers take. */
    public static String typeMappings() {
        return BY_NAME.entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue().getName())
                .collect(Collectors.joining(","));
    }

    /** Classpath location of the JSON Schema of an event type, e.g. {@code schemas/newsdesk.tip-submitted.v1.json}. */
    public static String schemaLocation(String typeName, int schemaVersion) {
        return "schemas/" + typeName + ".v" + schemaVersion + ".json";
    }
}
