package org.newsdesk.web;

import java.util.List;

/**
 * The places and topics an outlet offers when it configures none ({@code NEWSDESK_AREAS},
 * {@code NEWSDESK_CATEGORIES}): one list, so the tip form's choices, the moderators' filters and
 * the readers' navigation name the same things.
 */
public final class OutletChoices {

    public static final List<String> DEFAULT_AREAS = List.of(
            "Ilkeston",
            "Long Eaton",
            "Sandiacre",
            "Kirk Hallam",
            "Sawley",
            "Breaston",
            "Draycott",
            "Borrowash",
            "West Hallam",
            "Elsewhere in Erewash");

    public static final List<String> DEFAULT_CATEGORIES = List.of(
            "Community safety",
            "Council and politics",
            "Roads and transport",
            "Environment",
            "Health and care",
            "Schools and families",
            "Business and jobs",
            "Sport",
            "Events and culture",
            "Something else");

    private OutletChoices() {}
}
