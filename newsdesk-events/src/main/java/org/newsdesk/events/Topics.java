package org.newsdesk.events;

/** Kafka topic names. Every event is keyed by its tip id so one tip's history stays in order. */
public final class Topics {

    /**
     * Everything the resident does to a tip, in order per tip: {@link TipSubmitted}, then
     * {@link TipWithdrawn} and {@link ContactErased}.
     */
    public static final String TIPS_SUBMITTED = "newsdesk.tips.submitted";
    /**
     * Every editorial act that changes what readers see, in order per tip: {@link TipDecided}, then
     * {@link StoryCorrected} and {@link StoryRetracted} for a published story.
     */
    public static final String TIPS_DECIDED = "newsdesk.tips.decided";

    public static final String STORIES_PUBLISHED = "newsdesk.stories.published";

    /** Every event topic, in the order a tip passes through them. */
    public static final java.util.List<String> ALL = java.util.List.of(TIPS_SUBMITTED, TIPS_DECIDED, STORIES_PUBLISHED);

    /** Suffix of the dead-letter topic that receives what a consumer of the topic could not process. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {}

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
