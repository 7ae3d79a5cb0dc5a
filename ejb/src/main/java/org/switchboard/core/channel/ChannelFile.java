package org.switchboard.core.channel;

/** A file downloaded from a messenger (a customer's photo, document, voice or video). */
public record ChannelFile(String fileName, String contentType, byte[] content) {
}
