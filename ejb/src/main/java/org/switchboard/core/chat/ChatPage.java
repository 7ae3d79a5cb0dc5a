package org.switchboard.core.chat;

import java.io.Serializable;
import java.util.List;

/** One page of the Chats section's list and the number of chats the filter matches. */
public record ChatPage(List<ChatSummary> chats, long total) implements Serializable {
}
