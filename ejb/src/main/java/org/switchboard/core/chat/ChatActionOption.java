package org.switchboard.core.chat;

/** A chat action an operator may run on a chat of its queue (CH-07). */
public record ChatActionOption(long id, String title, String process) {
}
