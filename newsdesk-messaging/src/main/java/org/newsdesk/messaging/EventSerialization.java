package org.newsdesk.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.newsdesk.events.EventTypes;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import org.springframework.kafka.support.mapping.JacksonJavaTypeMapper;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** How events become bytes on the wire and back. */
public final class EventSerialization {

    private EventSerialization() {}

    /**
     * Consumers ignore fields they do not know, so producers can add fields without a new
     * schema version.
     */
    public static JsonMapper jsonMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The type header carries {@code newsdesk.tip-submitted}, never {@code org.newsdesk.events.TipSubmitted}. */
    static JacksonJavaTypeMapper typeMapper() {
        DefaultJacksonJavaTypeMapper typeMapper = new DefaultJacksonJavaTypeMapper();
        typeMapper.setIdClassMapping(Map.copyOf(EventTypes.byName()));
        typeMapper.setTypePrecedence(JacksonJavaTypeMapper.TypePrecedence.TYPE_ID);
        typeMapper.addTrustedPackages(EventTypes.class.getPackageName());
        return typeMapper;
    }

    /**
     * Events as JSON; raw bytes as they are, which is what the dead-letter recoverer sends when a
     * message could not even be deserialized.
     */
    static Serializer<Object> valueSerializer() {
        JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(jsonMapper()).typeMapper(typeMapper());
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, json);
        return new DelegatingByTypeSerializer(byType, true);
    }

    /**
     * A message that is not valid JSON of a known type reaches the error handler instead of
     * killing the consumer. There is deliberately no default type: a message without a type
     * header is poison, not a map.
     */
    static ErrorHandlingDeserializer<Object> valueDeserializer() {
        JacksonJsonDeserializer<Object> json = new JacksonJsonDeserializer<>(jsonMapper());
        json.setTypeMapper(typeMapper());
        return new ErrorHandlingDeserializer<>(json);
    }
}
