package org.switchboard.core.chat;

import java.util.List;

/**
 * Everything about one chat (CH-12): the summary, the channel's language, the whole history, the routing decisions,
 * the queue's chat actions, the cases created from it, and what the caller may do with it now (take a bot dialog
 * from the external bot: FB-05).
 */
public record ChatDetail(ChatSummary chat, String language, List<ChatMessageView> messages,
        List<RoutingDecisionView> routing, List<ChatActionOption> actions, List<CaseView> cases, boolean canAccept,
        boolean canReply, boolean canFinish, boolean canTakeFromBot) {
}
