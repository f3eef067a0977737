package org.newsdesk.submission;

import java.util.List;
import java.util.stream.Stream;
import org.newsdesk.web.OutletChoices;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outlet whose tip line this is, as residents meet it on the form, under
 * {@code newsdesk.submission.outlet}. The defaults are the outlet of the seed stories.
 *
 * @param name       the outlet's name, in every page's masthead and title
 * @param areas      the places the outlet covers, offered on the form; "somewhere else" is always added
 * @param categories what a tip may be about, offered on the form
 */
@ConfigurationProperties("newsdesk.submission.outlet")
public record OutletProperties(String name, List<String> areas, List<String> categories) {

    /** The form's last choice of area, for tips from outside the listed places. */
    public static final String SOMEWHERE_ELSE = "Somewhere else";

    public OutletProperties {
        name = name == null || name.isBlank() ? "Erewash Sound" : name.strip();
        areas = filled(areas);
        categories = filled(categories);
        areas = areas.isEmpty() ? OutletChoices.DEFAULT_AREAS : List.copyOf(areas);
        categories = categories.isEmpty() ? OutletChoices.DEFAULT_CATEGORIES : List.copyOf(categories);
    }

    /** An empty setting comes through as nothing or as one empty item. */
    private static List<String> filled(List<String> items) {
        return items == null
                ? List.of()
                : items.stream()
                        .filter(item -> item != null && !item.isBlank())
                        .map(String::strip)
                        .toList();
    }

    /** What the form offers for the area: the listed places, then "somewhere else". */
    public List<String> areaChoices() {
        return areas.contains(SOMEWHERE_ELSE)
                ? areas
                : Stream.concat(areas.stream(), Stream.of(SOMEWHERE_ELSE)).toList();
    }
}
