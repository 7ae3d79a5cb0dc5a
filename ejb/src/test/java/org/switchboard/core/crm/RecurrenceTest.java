package org.switchboard.core.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EA-01, EA-02: the recurrences Outlook, Graph and Google make, expanded as a calendar shows them; the rest refused by
 * the part at fault rather than shown wrong.
 */
class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant EVER_FROM = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant EVER_TO = Instant.parse("2100-01-01T00:00:00Z");

    private static List<String> days(String rule, String start, Set<LocalDate> exceptions) {
        return Recurrence.parse(rule).occurrences(ZonedDateTime.of(LocalDateTime.parse(start), BERLIN),
                Duration.ofHours(1), EVER_FROM, EVER_TO, exceptions).stream()
                .map(at -> at.toLocalDate().toString()).toList();
    }

    @Test
    @DisplayName("EA-01 weekly on Monday and Wednesday, four times")
    void weeklyOnDays() {
        assertEquals(List.of("2026-12-07", "2026-12-09", "2026-12-14", "2026-12-16"),
                days("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "2026-12-07T09:00", Set.of()));
    }

    @Test
    @DisplayName("EA-01 every other Tuesday; the week starts on Monday")
    void everyOtherWeek() {
        assertEquals(List.of("2026-12-08", "2026-12-22", "2027-01-05"),
                days("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3", "2026-12-08T09:00", Set.of()));
    }

    @Test
    @DisplayName("EA-01 a weekly meeting keeps its local time across the change to summer time")
    void keepsLocalTime() {
        List<ZonedDateTime> at = Recurrence.parse("FREQ=WEEKLY;COUNT=3").occurrences(
                ZonedDateTime.of(LocalDateTime.parse("2026-03-22T09:00"), BERLIN), Duration.ofHours(1), EVER_FROM,
                EVER_TO, Set.of());
        assertEquals(List.of("2026-03-22T08:00:00Z", "2026-03-29T07:00:00Z", "2026-04-05T07:00:00Z"),
                at.stream().map(z -> z.toInstant().toString()).toList());
    }

    @Test
    @DisplayName("EA-01 monthly on the second Tuesday (Graph's relativeMonthly)")
    void secondTuesday() {
        assertEquals(List.of("2026-01-13", "2026-02-10", "2026-03-10"),
                days("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", "2026-01-13T10:00", Set.of()));
    }

    @Test
    @DisplayName("EA-01 monthly on the last working day (BYSETPOS=-1 over Monday to Friday)")
    void lastWorkingDay() {
        assertEquals(List.of("2026-01-30", "2026-02-27", "2026-03-31"),
                days("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "2026-01-30T16:00", Set.of()));
    }

    @Test
    @DisplayName("EA-01 monthly on the 31st skips the months without one")
    void thirtyFirst() {
        assertEquals(List.of("2026-01-31", "2026-03-31", "2026-05-31"),
                days("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "2026-01-31T10:00", Set.of()));
        assertEquals(List.of("2026-01-31", "2026-02-28", "2026-03-31"),
                days("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", "2026-01-31T10:00", Set.of()));
    }

    @Test
    @DisplayName("EA-01 yearly on the 29th of February, and on the last Sunday of October")
    void yearly() {
        assertEquals(List.of("2028-02-29", "2032-02-29"),
                days("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2", "2028-02-29T10:00", Set.of()));
        assertEquals(List.of("2026-10-25", "2027-10-31"),
                days("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=2", "2026-10-25T10:00", Set.of()));
    }

    @Test
    @DisplayName("EA-01 a day taken out is not shown but still counts towards COUNT; UNTIL includes its day")
    void exceptionsAndUntil() {
        assertEquals(List.of("2026-12-07", "2026-12-21"), days("FREQ=WEEKLY;COUNT=3", "2026-12-07T09:00",
                Set.of(LocalDate.parse("2026-12-14"))));
        assertEquals(List.of("2026-12-07", "2026-12-08", "2026-12-09"),
                days("FREQ=DAILY;UNTIL=20261209", "2026-12-07T09:00", Set.of()));
        assertEquals(List.of("2026-12-07", "2026-12-08"),
                days("FREQ=DAILY;UNTIL=20261209T075959Z", "2026-12-07T09:00", Set.of()));
    }

    @Test
    @DisplayName("EA-01 a calendar shows the occurrences overlapping it, of a series started years before")
    void window() {
        ZonedDateTime start = ZonedDateTime.of(LocalDateTime.parse("2023-01-01T10:00"), ZoneId.of("UTC"));
        List<String> shown = Recurrence.parse("FREQ=DAILY").occurrences(start, Duration.ofHours(1),
                Instant.parse("2026-03-01T10:30:00Z"), Instant.parse("2026-03-03T10:00:00Z"), Set.of()).stream()
                .map(z -> z.toInstant().toString()).toList();
        assertEquals(List.of("2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z"), shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FREQ=HOURLY|FREQ=HOURLY",
        "INTERVAL=2|FREQ=",
        "FREQ=WEEKLY;BYWEEKNO=3|BYWEEKNO=3",
        "FREQ=DAILY;COUNT=2;UNTIL=20260101|UNTIL=20260101",
        "FREQ=WEEKLY;BYDAY=2MO|BYDAY=2MO",
        "FREQ=MONTHLY;BYDAY=XX|BYDAY=XX",
        "FREQ=MONTHLY;BYSETPOS=1|BYSETPOS=1",
        "FREQ=DAILY;COUNT=0|COUNT=0",
        "FREQ=DAILY;INTERVAL=x|INTERVAL=X",
        "FREQ=YEARLY;BYDAY=1MO|BYDAY",
        "FREQ=DAILY;UNTIL=2026-01-01|UNTIL=2026-01-01",
        "FREQ=DAILY;FREQ=WEEKLY|FREQ=WEEKLY"})
    @DisplayName("EA-01 a rule that is wrong or not supported is refused, naming its part")
    void refused(String rule, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recurrence.parse(rule));
        assertEquals(part, e.getMessage());
    }
}
