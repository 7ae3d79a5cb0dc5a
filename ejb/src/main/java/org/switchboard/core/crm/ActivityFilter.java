package org.switchboard.core.crm;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the Activities list shows (issue 21 item 1): of a kind (MEETING, TASK; null any), of the statuses (empty:
 * any), listed in [from, to) (open when null), in a group and with a contact taking part (null: any).
 */
public record ActivityFilter(String kind, List<String> statuses, OffsetDateTime from, OffsetDateTime to,
        Long groupId, Long contactId) {

    public static final ActivityFilter ANY = new ActivityFilter(null, List.of(), null, null, null, null);
}
