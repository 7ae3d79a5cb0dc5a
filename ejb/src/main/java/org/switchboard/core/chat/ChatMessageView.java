package org.switchboard.core.chat;

import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.model.chat.AttachmentInfo;
import org.switchboard.model.chat.DeliveryStatus;
import org.switchboard.model.chat.MessageDirection;

/** One message of a chat's history (CH-12), with its delivery status and its files (without their bytes). */
public record ChatMessageView(long id, MessageDirection direction, String body, String authorLogin,
        String authorName, OffsetDateTime sentAt, OffsetDateTime storedAt, DeliveryStatus deliveryStatus,
        String deliveryError, List<AttachmentInfo> attachments) {
}
