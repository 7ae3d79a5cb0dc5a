package org.switchboard.core.crm;

import java.time.OffsetDateTime;
import java.util.List;

/** A contact as its page and REST show it; {@code chats} counts its conversations on channels. */
public record ContactView(long id, long version, String name, Long accountId, String accountName, List<String> emails,
        OffsetDateTime createdAt, long chats) {
}
