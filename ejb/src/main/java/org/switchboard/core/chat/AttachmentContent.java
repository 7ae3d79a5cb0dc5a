package org.switchboard.core.chat;

/** The bytes of a chat attachment for download, or the provider's URL when only that is known. */
public record AttachmentContent(String fileName, String contentType, byte[] content, String sourceUrl) {
}
