package org.newsdesk.web.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Every time a person reads on a Newsdesk page, in the outlet's own zone ({@code NEWSDESK_TIME_ZONE},
 * Europe/London by default) and in one of a few fixed English formats, so the same instant reads
 * the same on every page of one kind. Each shown time comes with its exact instant for a
 * {@code <time datetime>} attribute ({@link Shown#datetime()}):
 * <pre>{@code <time th:datetime="${at.datetime}" th:text="${at.text}">}</pre>
 *
 * <ul>
 * <li>{@link #dateTime(Instant)}: {@code 5 December 2026, 5:59pm}, for readers and residents;
 * <li>{@link #compact(Instant)}: {@code 5 Dec 2026, 17:59}, for the moderators' lists and history,
 *     where many times stand in a column;
 * <li>{@link #day(Instant)} and {@link #day(LocalDate)}: {@code 5 December 2026};
 * <li>{@link #longDay(Instant)}: {@code Saturday 5 December 2026}, a story's dateline.
 * </ul>
 * The pages are in English whatever the locale of the machine they run on; times are never shown
 * in UTC unless the outlet's zone is UTC.
 */
public final class OutletTime {

    /** The zone a newsroom without a setting gets: Newsdesk was first built for one in England. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM uuuu, h:mma", Locale.UK);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter DATETIME_ATTRIBUTE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ZoneId zone;

    public OutletTime(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code 5 December 2026, 5:59pm}: a time as a reader or resident reads it. */
    public Shown dateTime(Instant instant) {
        // Locale.UK writes "pm"; older JDKs wrote "PM": lower case either way, as the house style has it.
        return shown(
                instant,
                DATE_TIME.format(instant.atZone(zone)).replace("AM", "am").replace("PM", "pm"));
    }

    /** {@code 5 Dec 2026, 17:59}: a time in a moderator's list or history. */
    public Shown compact(Instant instant) {
        return shown(instant, COMPACT.format(instant.atZone(zone)));
    }

    /** {@code 5 December 2026}: the outlet's day an instant falls on. */
    public Shown day(Instant instant) {
        return shown(instant, DAY.format(instant.atZone(zone)));
    }

    /** {@code Saturday 5 December 2026}: a story's dateline. */
    public Shown longDay(Instant instant) {
        return shown(instant, LONG_DAY.format(instant.atZone(zone)));
    }

    /** {@code 5 December 2026}: a calendar day (when something happened), with its ISO date for machines. */
    public Shown day(LocalDate date) {
        return new Shown(DAY.format(date), date.toString());
    }

    private Shown shown(Instant instant, String text) {
        return new Shown(text, DATETIME_ATTRIBUTE.format(instant.atZone(zone)));
    }

    /**
     * A time as shown: the words a person reads, and the value of the {@code <time datetime>}
     * attribute beside them (an ISO-8601 instant with the zone's offset, or an ISO date).
     */
    public record Shown(String text, String datetime) {

        @Override
        public String toString() {
            return text;
        }
    }
}
