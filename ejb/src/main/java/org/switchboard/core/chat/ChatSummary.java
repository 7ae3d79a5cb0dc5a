package org.switchboard.core.chat;

import java.io.Serializable;
import java.time.OffsetDateTime;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatStatus;

/** A chat as lists show it (CH-12): the panel's offered and assigned chats, the Chats section, REST. */
public record ChatSummary(long id, long channelId, String channelName, ChannelProvider provider, long queueId,
        String queueName, long contactId, String contactName, ChatStatus status, Long operatorId,
        String operatorLogin, String operatorName, OffsetDateTime createdAt, OffsetDateTime acceptDeadline,
        OffsetDateTime lastInboundAt, OffsetDateTime lastOutboundAt, OffsetDateTime completedAt,
        ChatCompletion completion, int messageCount, String lastMessage) implements Serializable {
}
