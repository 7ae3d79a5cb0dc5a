package org.switchboard.core.crm.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.crm.Recurrence;
import org.switchboard.core.exchange.GraphCalendarClient;
import org.switchboard.core.exchange.GraphCalendarClient.EventDeltaPage;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteEvent;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteRecurrence;
import org.switchboard.core.exchange.GraphFake;
import org.switchboard.core.exchange.GraphMailbox;

/**
 * EA-01, EA-02: Outlook's recurrences as RRULEs and back. Each pattern is checked twice over: the RRULE it maps to,
 * expanded by {@link Recurrence}, gives the very occurrences the stateful Graph fake makes of the series (Exchange's
 * rules included: the 31st falls on a shorter month's last day); and the RRULE maps back to the same pattern.
 */
class GraphRecurrencesTest {

    private static final String ANNA = "anna@contoso.com";
    /** How many occurrences of a series are compared. */
    private static final int SHOWN = 30;
    private static GraphFake fake;
    private static GraphCalendarClient graph;
    private static GraphMailbox anna;
    private static String calendar;

    @BeforeAll
    static void start() throws Exception {
        fake = new GraphFake();
        fake.mailbox(ANNA);
        calendar = fake.defaultCalendar(ANNA);
        anna = new GraphMailbox(ANNA, false, fake.accessToken(ANNA, "Calendars.ReadWrite"));
        graph = fake.calendarClient();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static RemoteRecurrence pattern(String type, int interval, List<String> days, Integer dayOfMonth,
            Integer month, String index, String firstDayOfWeek, String start, String rangeType, String end,
            Integer count) {
        return new RemoteRecurrence(type, interval, days, dayOfMonth, month, index, firstDayOfWeek, rangeType,
                LocalDate.parse(start), end == null ? null : LocalDate.parse(end), count, "UTC");
    }

    static Stream<Arguments> patterns() {
        List<String> workdays = List.of("monday", "tuesday", "wednesday", "thursday", "friday");
        return Stream.of(
            Arguments.of("every other day, five times", pattern("daily", 2, List.of(), null, null, null, null,
                    "2026-05-04", "numbered", null, 5), "FREQ=DAILY;INTERVAL=2;COUNT=5"),
            Arguments.of("Monday and Wednesday to the 20th", pattern("weekly", 1, List.of("monday", "wednesday"),
                    null, null, null, "sunday", "2026-05-04", "endDate", "2026-05-20", null),
                    "FREQ=WEEKLY;BYDAY=MO,WE;WKST=SU;UNTIL=20260520"),
            Arguments.of("every other Friday, no end", pattern("weekly", 2, List.of("friday"), null, null, null,
                    "monday", "2026-05-08", "noEnd", null, null), "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
            Arguments.of("the 31st, six times", pattern("absoluteMonthly", 1, List.of(), 31, null, null, null,
                    "2026-01-31", "numbered", null, 6), "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6"),
            Arguments.of("the 30th, four times", pattern("absoluteMonthly", 1, List.of(), 30, null, null, null,
                    "2026-01-30", "numbered", null, 4), "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1;COUNT=4"),
            Arguments.of("the 15th every third month", pattern("absoluteMonthly", 3, List.of(), 15, null, null, null,
                    "2026-01-15", "numbered", null, 4), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=4"),
            Arguments.of("the second Tuesday", pattern("relativeMonthly", 1, List.of("tuesday"), null, null,
                    "second", null, "2026-05-12", "numbered", null, 3), "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;COUNT=3"),
            Arguments.of("the last working day", pattern("relativeMonthly", 1, workdays, null, null, "last", null,
                    "2026-05-29", "numbered", null, 3), "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"),
            Arguments.of("the 29th of February", pattern("absoluteYearly", 1, List.of(), 29, 2, null, null,
                    "2028-02-29", "numbered", null, 3), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1;COUNT=3"),
            Arguments.of("the last Friday of November", pattern("relativeYearly", 1, List.of("friday"), null, 11,
                    "last", null, "2026-11-27", "noEnd", null, null), "FREQ=YEARLY;BYMONTH=11;BYDAY=FR;BYSETPOS=-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    @DisplayName("EA-01 EA-02 an Outlook pattern maps to an RRULE that gives the same occurrences, and back")
    void sameOccurrences(String name, RemoteRecurrence outlook, String rule) {
        OffsetDateTime start = outlook.startDate().atTime(9, 0).atOffset(ZoneOffset.UTC);
        RemoteEvent master = graph.createEvent(anna, calendar, new RemoteEvent(null, null, null, null, null, null,
                name, null, start, start.plusHours(1), "UTC", false, null, "normal", null, outlook, List.of(), null,
                false, null));
        OffsetDateTime from = start.minusDays(1);
        OffsetDateTime to = start.plusYears(3);

        assertEquals(rule, GraphRecurrences.rule(outlook));
        List<OffsetDateTime> expected = occurrences(master.id(), from, to);
        List<OffsetDateTime> computed = Recurrence.parse(rule).occurrences(start.atZoneSameInstant(ZoneId.of("UTC")),
                Duration.ofHours(1), from.toInstant(), to.toInstant(), Set.of()).stream()
                .map(ZonedDateTime::toOffsetDateTime).limit(SHOWN).toList();
        assertEquals(expected, computed, "the fake's occurrences and the RRULE's");
        assertEquals(outlook, GraphRecurrences.recurrence(rule, outlook.startDate(), ZoneId.of("UTC")),
                "the RRULE maps back");
    }

    /** The starts of the first {@link #SHOWN} of the series' occurrences Graph's calendar view gives in the window. */
    private static List<OffsetDateTime> occurrences(String masterId, OffsetDateTime from, OffsetDateTime to) {
        List<OffsetDateTime> starts = new ArrayList<>();
        String link = null;
        while (true) {
            EventDeltaPage page = graph.eventDelta(anna, calendar, from, to, link, 200);
            page.changed().stream().filter(e -> masterId.equals(e.seriesMasterId())).map(RemoteEvent::start)
                    .forEach(starts::add);
            if (page.complete()) {
                return starts.stream().sorted().limit(SHOWN).toList();
            }
            link = page.nextLink();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=MONTHLY;BYDAY=1MO,3WE", "FREQ=MONTHLY;BYMONTHDAY=-2", "FREQ=DAILY;INTERVAL=120",
        "FREQ=YEARLY;BYMONTH=1,7", "FREQ=MONTHLY;BYMONTHDAY=1,15", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5"})
    @DisplayName("EA-02 a rule Outlook cannot hold is refused with the reason, not changed into another")
    void notRepresentable(String rule) {
        assertThrows(GraphRecurrences.NotRepresentable.class,
                () -> GraphRecurrences.recurrence(rule, LocalDate.parse("2026-05-04"), ZoneId.of("UTC")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2"})
    @DisplayName("EA-02 the n-th weekday written either way is Outlook's relative pattern")
    void nthWeekday(String rule) {
        RemoteRecurrence outlook = GraphRecurrences.recurrence(rule, LocalDate.parse("2026-05-12"), ZoneId.of("UTC"));
        assertEquals(List.of("relativeMonthly", "second", List.of("tuesday"), "noEnd"), List.of(outlook.type(),
                outlook.index(), outlook.daysOfWeek(), outlook.rangeType()));
    }
}
