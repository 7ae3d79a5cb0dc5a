package org.switchboard.core.chat;

/** A file an operator attaches to a reply (CH-12). */
public record FileUpload(String fileName, String contentType, byte[] content) {
}
