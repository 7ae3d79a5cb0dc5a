package org.switchboard.core.mailbox;

/** The bytes of an e-mail's file for download (MB-06), with the name and content type the message gave it. */
public record EmailFileContent(String fileName, String contentType, byte[] content) {
}
