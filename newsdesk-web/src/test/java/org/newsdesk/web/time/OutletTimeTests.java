package org.newsdesk.web.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class OutletTimeTests {

    private final OutletTime london = new OutletTime(OutletTime.DEFAULT_ZONE);

    @Test
    void aWinterEveningReadsAsTheOutletsOwnTime() {
        Instant instant = Instant.parse("2026-12-05T17:59:00Z");

        assertThat(london.dateTime(instant))
                .isEqualTo(new OutletTime.Shown("5 December 2026, 5:59pm", "2026-12-05T17:59:00Z"));
        assertThat(london.compact(instant).text()).isEqualTo("5 Dec 2026, 17:59");
        assertThat(london.day(instant).text()).isEqualTo("5 December 2026");
        assertThat(london.longDay(instant).text()).isEqualTo("Saturday 5 December 2026");
    }

    @Test
    void summerTimeMovesTheClockAndTheDay() {
        Instant lateOnTheThirtieth = Instant.parse("2026-06-30T23:30:00Z");

        assertThat(london.dateTime(lateOnTheThirtieth))
                .isEqualTo(new OutletTime.Shown("1 July 2026, 12:30am", "2026-07-01T00:30:00+01:00"));
        assertThat(london.day(lateOnTheThirtieth).text()).isEqualTo("1 July 2026");
    }

    @Test
    void anotherOutletReadsItsOwnZone() {
        OutletTime auckland = new OutletTime(ZoneId.of("Pacific/Auckland"));

        assertThat(auckland.compact(Instant.parse("2026-12-05T17:59:00Z")))
                .isEqualTo(new OutletTime.Shown("6 Dec 2026, 06:59", "2026-12-06T06:59:00+13:00"));
    }

    @Test
    void aCalendarDayKeepsItsIsoDateForMachines() {
        assertThat(london.day(LocalDate.of(2026, 12, 4)))
                .isEqualTo(new OutletTime.Shown("4 December 2026", "2026-12-04"));
    }
}
