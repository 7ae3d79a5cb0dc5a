package org.switchboard.core.chat;

import java.time.LocalDate;
import org.switchboard.model.chat.ChatStatus;

/**
 * The Chats section's filter (CH-12): any combination of channel, queue, operator, status, a date range of the
 * chat's creation (inclusive, UTC days), a text found in its messages or its contact's name, and the contact (a
 * contact's card lists its chats, issue 21 item 1). Nulls match all.
 */
public record ChatFilter(Long channelId, Long queueId, Long operatorId, ChatStatus status, LocalDate from,
        LocalDate to, String text, Long contactId) {

    public static final ChatFilter ALL = new ChatFilter(null, null, null, null, null, null, null, null);

    /** Any contact's chats. */
    public ChatFilter(Long channelId, Long queueId, Long operatorId, ChatStatus status, LocalDate from, LocalDate to,
            String text) {
        this(channelId, queueId, operatorId, status, from, to, text, null);
    }

    /** The chats of one contact. */
    public static ChatFilter ofContact(long contactId) {
        return new ChatFilter(null, null, null, null, null, null, null, contactId);
    }
}
