package org.switchboard.core.crm;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * One entry of the calendar (issue 21 item 1): a meeting, one occurrence of a recurring meeting ({@code recurring}),
 * or a task at its due time ({@code end} null).
 */
public record ActivityOccurrence(long activityId, String title, String kind, OffsetDateTime start,
        OffsetDateTime end, boolean allDay, String status, boolean recurring) implements Serializable {
}
