package org.switchboard.core.crm;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An activity as the Activities section, a contact's card and REST show it (issue 21 item 1); the organiser and the
 * owner are users, named by their display names; {@code kind} is MEETING (shown in calendar) or TASK.
 */
public record ActivityView(long id, long version, String title, String kind, OffsetDateTime startsAt,
        OffsetDateTime endsAt, OffsetDateTime dueAt, boolean allDay, String timeZone, String location,
        String description, String status, String priority, Integer reminderMinutes, String recurrence,
        List<LocalDate> exceptions, Long organiserId, String organiserName, Long ownerId, String ownerName,
        List<ParticipantView> participants, List<Long> groupIds, OffsetDateTime createdAt, OffsetDateTime updatedAt)
        implements Serializable {

    /** A participant with the name shown: the user's or contact's, or the bare address. */
    public record ParticipantView(Long userId, Long contactId, String email, String name, String response)
            implements Serializable {
    }

    public boolean inCalendar() {
        return "MEETING".equals(kind);
    }
}
