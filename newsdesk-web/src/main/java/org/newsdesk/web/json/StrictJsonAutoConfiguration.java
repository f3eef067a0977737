package org.newsdesk.web.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON is read strictly in every service: a body is one JSON value and nothing after it, an
 * object names each property once (a second {@code "headline"} is an error, not a quiet
 * overwrite that a filter in front of us may have read differently), and the bytes are
 * well-formed UTF-8.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnClass({JsonMapper.class, CodecCustomizer.class})
@ConditionalOnBean(JsonMapper.class)
public class StrictJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer newsdeskStrictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** After Boot's own codec settings, which install the plain decoder this one wraps. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    CodecCustomizer newsdeskStrictUtf8Json(JsonMapper jsonMapper) {
        return codecs -> codecs.defaultCodecs()
                .jacksonJsonDecoder(new StrictUtf8JsonDecoder(new JacksonJsonDecoder(jsonMapper)));
    }
}
