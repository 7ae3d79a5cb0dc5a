package org.switchboard.core.chat;

/** A quick-reply template in the chat's channel language (CH-11). */
public record QuickReplyOption(long id, String title, String body) {
}
