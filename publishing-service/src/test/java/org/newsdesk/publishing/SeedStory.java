package org.newsdesk.publishing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One of the two real stories in {@code shared/seeds} (copied into the test resources so the
 * tests do not depend on where the repository is checked out): line one is the headline; the
 * body starts after the date, the outlet's name and the picture caption, and ends before the
 * sharing footer.
 */
public record SeedStory(String headline, String body) {

    public static final String POLICE_AND_CRIME_PLAN = "2023-01-20-police-and-crime-plan.txt";
    public static final String VICTIM_SUPPORT = "2023-07-26-victim-support.txt";

    public static SeedStory load(String file) {
        try (InputStream in = SeedStory.class.getResourceAsStream("seeds/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No seed story " + file);
            }
            List<String> lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            int footer = lines.indexOf("Share this story:");
            String body = String.join("\n", lines.subList(6, footer < 0 ? lines.size() : footer))
                    .strip();
            return new SeedStory(lines.get(0).strip(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
