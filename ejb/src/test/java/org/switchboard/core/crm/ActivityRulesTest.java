package org.switchboard.core.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.switchboard.core.common.InvalidInputException;

/** EA-02: what an activity may be saved with, each refusal on its field, without a container. */
class ActivityRulesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final OffsetDateTime NINE = OffsetDateTime.parse("2026-12-08T09:00:00+01:00");
    private static final OffsetDateTime TEN = OffsetDateTime.parse("2026-12-08T10:00:00+01:00");

    private static void refused(String key, String field, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(List.of(key, field), List.of(e.getMessageKey(), e.getField()));
    }

    @Test
    @DisplayName("EA-02 a meeting needs its start and an end not before it; a task's due time is not before its "
            + "start; a time outside 1900 to 2199 is refused")
    void times() {
        refused("validation.activity.startRequired", "startsAt",
                () -> ActivityRules.times(true, false, null, TEN, null, BERLIN));
        refused("validation.activity.endRequired", "endsAt",
                () -> ActivityRules.times(true, false, NINE, null, null, BERLIN));
        refused("validation.activity.endBeforeStart", "endsAt",
                () -> ActivityRules.times(true, false, TEN, NINE, null, BERLIN));
        refused("validation.activity.tooLong", "endsAt",
                () -> ActivityRules.times(true, false, NINE, NINE.plusDays(367), null, BERLIN));
        refused("validation.activity.year", "startsAt",
                () -> ActivityRules.times(true, false, NINE.withYear(1), TEN, null, BERLIN));
        refused("validation.activity.year", "dueAt",
                () -> ActivityRules.times(false, false, null, null, NINE.withYear(9999), BERLIN));
        refused("validation.activity.dueBeforeStart", "dueAt",
                () -> ActivityRules.times(false, false, TEN, null, NINE, BERLIN));
        assertEquals(new ActivityRules.Times(NINE, TEN, null), ActivityRules.times(true, false, NINE, TEN, TEN,
                BERLIN), "a meeting has no due time");
        assertEquals(new ActivityRules.Times(null, null, TEN), ActivityRules.times(false, false, null, NINE, TEN,
                BERLIN), "a task has no end");
    }

    @Test
    @DisplayName("EA-02 an all-day meeting runs from midnight to midnight in its zone, its last day included")
    void allDay() {
        OffsetDateTime midnight8 = OffsetDateTime.parse("2026-12-08T00:00:00+01:00");
        OffsetDateTime midnight9 = OffsetDateTime.parse("2026-12-09T00:00:00+01:00");
        OffsetDateTime midnight10 = OffsetDateTime.parse("2026-12-10T00:00:00+01:00");
        assertEquals(new ActivityRules.Times(midnight8, midnight9, null),
                ActivityRules.times(true, true, NINE, TEN, null, BERLIN), "one day");
        assertEquals(new ActivityRules.Times(midnight8, midnight10, null),
                ActivityRules.times(true, true, midnight8, midnight10, null, BERLIN), "Outlook's exclusive end");
        assertEquals(new ActivityRules.Times(midnight8, midnight10, null),
                ActivityRules.times(true, true, NINE, TEN.plusDays(1), null, BERLIN), "to the 9th, included");
    }

    @Test
    @DisplayName("EA-02 title, zone, reminder and the kinds are checked on their fields")
    void fields() {
        refused("validation.required", "title", () -> ActivityRules.title("  "));
        refused("validation.crm.oneLine", "title", () -> ActivityRules.title("a\nb"));
        refused("validation.tooLong", "title", () -> ActivityRules.title("x".repeat(501)));
        refused("validation.activity.timeZone", "timeZone", () -> ActivityRules.zone("Mars/Olympus", BERLIN));
        assertEquals(BERLIN, ActivityRules.zone(null, BERLIN));
        refused("validation.activity.reminder", "reminderMinutes", () -> ActivityRules.reminder(-1));
        refused("validation.activity.reminder", "reminderMinutes", () -> ActivityRules.reminder(40321));
        refused("validation.json.choice", "status", () -> ActivityRules.status("SOMEDAY"));
        refused("validation.json.choice", "priority", () -> ActivityRules.priority("URGENT"));
        assertEquals("DONE", ActivityRules.status("done").name());
    }

    @Test
    @DisplayName("EA-01 only a meeting recurs, by a rule that reads and does not end before the start; days taken "
            + "out need a rule")
    void recurrence() {
        ZonedDateTime start = NINE.atZoneSameInstant(BERLIN);
        assertEquals("FREQ=WEEKLY;BYDAY=TU", ActivityRules.recurrence("rrule:freq=weekly;byday=tu", true, start));
        assertNull(ActivityRules.recurrence(" ", false, null));
        refused("validation.activity.recurrenceOfTask", "recurrence",
                () -> ActivityRules.recurrence("FREQ=DAILY", false, null));
        refused("validation.activity.recurrence", "recurrence",
                () -> ActivityRules.recurrence("FREQ=SECONDLY", true, start));
        refused("validation.activity.recurrenceEnds", "recurrence",
                () -> ActivityRules.recurrence("FREQ=DAILY;UNTIL=20261201", true, start));
        refused("validation.activity.exceptionsWithoutRecurrence", "exceptions",
                () -> ActivityRules.exceptions(List.of(LocalDate.parse("2026-12-15")), null));
        assertEquals(List.of(LocalDate.parse("2026-12-15"), LocalDate.parse("2026-12-22")), ActivityRules.exceptions(
                Arrays.asList(LocalDate.parse("2026-12-22"), null, LocalDate.parse("2026-12-15"),
                        LocalDate.parse("2026-12-22")), "FREQ=WEEKLY"));
    }

    @Test
    @DisplayName("EA-02 a participant is one of a user, a contact or an address; addresses lower-cased, repeats "
            + "removed")
    void participants() {
        refused("validation.activity.participant", "participants", () -> ActivityRules.participants(List.of(
                new ActivityDraft.Participant(1L, 2L, null, null))));
        refused("validation.activity.participant", "participants", () -> ActivityRules.participants(List.of(
                new ActivityDraft.Participant(null, null, " ", null))));
        refused("validation.mailbox.address", "participants", () -> ActivityRules.participants(List.of(
                new ActivityDraft.Participant(null, null, "bob at acme", null))));
        refused("validation.json.choice", "participants.response", () -> ActivityRules.participants(List.of(
                new ActivityDraft.Participant(1L, null, null, "MAYBE"))));
        assertEquals(List.of(new ActivityDraft.Participant(null, null, "bob@acme.example", "NONE"),
                new ActivityDraft.Participant(null, 7L, null, "ACCEPTED")), ActivityRules.participants(List.of(
                        new ActivityDraft.Participant(null, null, " Bob@ACME.example", null),
                        new ActivityDraft.Participant(null, 7L, null, "accepted"),
                        new ActivityDraft.Participant(null, null, "bob@acme.example", null))));
    }
}
