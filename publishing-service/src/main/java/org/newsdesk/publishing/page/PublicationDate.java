package org.newsdesk.publishing.page;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a story was published (or corrected, or withdrawn), for people and for machines:
 * {@code Friday 20 January 2023} in the outlet's time zone, the same without the weekday
 * ({@code 20 January 2023}, as a correction note is dated), and the exact instant for a
 * {@code <time datetime>} attribute.
 */
record PublicationDate(String iso, String human, String day) {

    /** The pages are in English, whatever the locale of the machine they run on. */
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);

    static PublicationDate of(Instant publishedAt, ZoneId zone) {
        return new PublicationDate(
                publishedAt.toString(), HUMAN.format(publishedAt.atZone(zone)), DAY.format(publishedAt.atZone(zone)));
    }
}
