package org.switchboard.core.chat;

/**
 * The bytes of a chat attachment for download; {@code content} is null when the file is known only by a reference its
 * channel could not fetch (never handed to the caller: issue 18, no redirect to an integration's URL).
 */
public record AttachmentContent(String fileName, String contentType, byte[] content) {
}
