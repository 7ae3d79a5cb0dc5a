package org.switchboard.core.chat;

import java.time.LocalDate;
import org.switchboard.model.chat.ChatStatus;

/**
 * The Chats section's filter (CH-12): any combination of channel, queue, operator, status, a date range of the
 * chat's creation (inclusive, UTC days) and a text found in its messages or its contact's name. Nulls match all.
 */
public record ChatFilter(Long channelId, Long queueId, Long operatorId, ChatStatus status, LocalDate from,
        LocalDate to, String text) {

    public static final ChatFilter ALL = new ChatFilter(null, null, null, null, null, null, null);
}
