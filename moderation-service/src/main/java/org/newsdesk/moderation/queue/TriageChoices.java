package org.newsdesk.moderation.queue;

import java.util.ArrayList;
import java.util.List;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.QueueFilter.Choice;

/**
 * The queue's area and category filters as choices from the outlet's own lists (those the
 * residents' form offers), each with a last choice for everything else: tips from elsewhere,
 * or sent through the API with words of their own.
 */
final class TriageChoices {

    /** The form's own last choice of area; here it also takes in any area the list does not name. */
    static final String SOMEWHERE_ELSE = "Somewhere else";

    static final String NOT_LISTED = "Not in the list";

    private final List<String> areas;
    private final List<String> categories;

    TriageChoices(ModerationProperties settings) {
        this.areas = without(settings.areas(), SOMEWHERE_ELSE);
        this.categories = without(settings.categories(), NOT_LISTED);
    }

    Choice area(String given) {
        return choice(given, SOMEWHERE_ELSE, areas);
    }

    Choice category(String given) {
        return choice(given, NOT_LISTED, categories);
    }

    /** "Any area", the listed places, "Somewhere else", with the given one chosen. */
    List<Option> areaOptions(String given) {
        return options("Any area", areas, SOMEWHERE_ELSE, given);
    }

    List<Option> categoryOptions(String given) {
        return options("Any category", categories, NOT_LISTED, given);
    }

    /** One entry of a filter's list; an empty value chooses everything. */
    record Option(String value, String label, boolean selected) {}

    private static Choice choice(String given, String rest, List<String> listed) {
        if (given == null || given.isBlank()) {
            return Choice.ANY;
        }
        return given.strip().equalsIgnoreCase(rest) ? Choice.noneOf(listed) : Choice.is(given);
    }

    /**
     * A value from an older link that the list does not hold (the filters were free text once)
     * is offered too, chosen, so the page says what it shows.
     */
    private static List<Option> options(String any, List<String> listed, String rest, String given) {
        List<Option> options = new ArrayList<>(listed.size() + 3);
        options.add(new Option("", any, given == null));
        boolean known = given == null;
        for (String value : listed) {
            boolean chosen = value.equalsIgnoreCase(given);
            known |= chosen;
            options.add(new Option(value, value, chosen));
        }
        boolean restChosen = rest.equalsIgnoreCase(given);
        if (!known && !restChosen) {
            options.add(new Option(given, given, true));
        }
        options.add(new Option(rest, rest, restChosen));
        return List.copyOf(options);
    }

    private static List<String> without(List<String> values, String rest) {
        return values.stream().filter(value -> !value.equalsIgnoreCase(rest)).toList();
    }
}
