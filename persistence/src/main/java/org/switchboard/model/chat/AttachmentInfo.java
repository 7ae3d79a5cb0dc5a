package org.switchboard.model.chat;

/** What a chat's history shows of an attachment (CH-12), without its bytes. */
public record AttachmentInfo(Long id, Long messageId, String fileName, String contentType, Long sizeBytes,
        String sourceUrl) {
}
