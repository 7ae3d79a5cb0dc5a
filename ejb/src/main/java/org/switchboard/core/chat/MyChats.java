package org.switchboard.core.chat;

import java.util.List;

/** The panel's chats tab for the signed-in operator (CH-12): their status, chats offered to them, chats they hold. */
public record MyChats(OperatorStatusView status, List<ChatSummary> offered, List<ChatSummary> mine) {
}
