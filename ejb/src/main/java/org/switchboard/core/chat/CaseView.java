package org.switchboard.core.chat;

import java.time.OffsetDateTime;

/** A CRM case linked to a chat (CH-07). */
public record CaseView(long id, String subject, String status, long contactId, Long chatId,
        OffsetDateTime createdAt, String createdBy) {
}
