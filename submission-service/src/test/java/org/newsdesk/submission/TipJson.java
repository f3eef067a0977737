package org.newsdesk.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Tips as a resident's phone would send them, built from one of the outlet's real stories. */
public final class TipJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TipJson() {}

    /** Every field filled in, the body being a real story from the outlet. */
    public static Map<String, Object> complete() {
        Map<String, Object> tip = new LinkedHashMap<>();
        tip.put("headline", "Police and Crime Commissioner welcomes continuous progress in victim support");
        tip.put("body", seedStory());
        tip.put("area", "Erewash");
        tip.put("category", "Community safety");
        tip.put("name", "Angela Resident");
        tip.put("email", "angela@example.org");
        tip.put("phone", "+44 115 496 0000");
        return tip;
    }

    public static Map<String, Object> with(String field, Object value) {
        Map<String, Object> tip = complete();
        tip.put(field, value);
        return tip;
    }

    public static Map<String, Object> without(String field) {
        Map<String, Object> tip = complete();
        tip.remove(field);
        return tip;
    }

    public static String write(Object tip) {
        return JSON.writeValueAsString(tip);
    }

    private static String seedStory() {
        try (InputStream in = TipJson.class.getResourceAsStream("2023-07-26-victim-support.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
