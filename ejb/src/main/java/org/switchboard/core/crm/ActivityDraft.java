package org.switchboard.core.crm;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A new activity, or the changes to one (issue 21 item 1). {@code inCalendar} makes it a meeting (start and end
 * needed) or a task (a due time at most); left out, an activity with a start is a meeting. {@code timeZone} is an IANA
 * zone (the server's when left out); {@code recurrence} an RFC 5545 RRULE value, {@code exceptions} the days taken out
 * of it. {@code organiserId} and {@code ownerId} are users (the caller when left out on creation, unchanged on an
 * update); {@code participants} replace those it has; {@code groupIds} left out (null) stay as they are.
 */
public record ActivityDraft(String title, Boolean inCalendar, OffsetDateTime startsAt, OffsetDateTime endsAt,
        OffsetDateTime dueAt, Boolean allDay, String timeZone, String location, String description, String status,
        String priority, Integer reminderMinutes, String recurrence, List<LocalDate> exceptions, Long organiserId,
        Long ownerId, List<Participant> participants, List<Long> groupIds) {

    /** One who takes part: a user, a contact or an e-mail address (one of the three), with their answer. */
    public record Participant(Long userId, Long contactId, String email, String response) {
    }
}
