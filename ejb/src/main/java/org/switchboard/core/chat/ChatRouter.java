package org.switchboard.core.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.chat.RoutingRule;

/**
 * Decides where a chat goes, as plain code with no container (CH-03, CH-04, CH-08). An operator is eligible when
 * Active and holding fewer than {@code SimultaneousChats} chats. "To all" offers the chat to every eligible
 * operator; "To the least busy" assigns it to the eligible operator with the fewest chats, on a tie to the one who
 * has gone longest without taking a new chat (never = longest), then by user id so that the choice is stable.
 * Without an eligible operator the chat waits in its queue.
 */
public final class ChatRouter {

    /** Fewest chats first; then longest since the last new chat (never first); then the lowest user id. */
    static final Comparator<OperatorCandidate> LEAST_BUSY_ORDER = Comparator
            .comparingInt(OperatorCandidate::load)
            .thenComparing(OperatorCandidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(OperatorCandidate::userId);

    private ChatRouter() {
    }

    public static RoutingPlan route(RoutingRule rule, List<OperatorCandidate> candidates, int capacity) {
        List<OperatorCandidate> eligible = candidates.stream()
                .filter(c -> c.status() == OperatorStatus.ACTIVE && c.load() < capacity)
                .sorted(LEAST_BUSY_ORDER)
                .toList();
        OperatorCandidate chosen = rule == RoutingRule.LEAST_BUSY && !eligible.isEmpty() ? eligible.get(0) : null;
        List<RoutingPlan.Judged> judged = new ArrayList<>();
        for (OperatorCandidate candidate : candidates.stream().sorted(LEAST_BUSY_ORDER).toList()) {
            judged.add(new RoutingPlan.Judged(candidate, verdict(rule, candidate, chosen, capacity)));
        }
        RoutingOutcome outcome;
        if (eligible.isEmpty()) {
            outcome = RoutingOutcome.QUEUED;
        } else if (rule == RoutingRule.TO_ALL) {
            outcome = RoutingOutcome.OFFERED;
        } else {
            outcome = RoutingOutcome.ASSIGNED;
        }
        return new RoutingPlan(rule, outcome, chosen == null ? null : chosen.userId(), capacity, List.copyOf(judged));
    }

    private static CandidateVerdict verdict(RoutingRule rule, OperatorCandidate candidate, OperatorCandidate chosen,
            int capacity) {
        if (candidate.status() != OperatorStatus.ACTIVE) {
            return CandidateVerdict.INACTIVE;
        }
        if (candidate.load() >= capacity) {
            return CandidateVerdict.AT_CAPACITY;
        }
        if (rule == RoutingRule.TO_ALL) {
            return CandidateVerdict.OFFERED;
        }
        if (chosen.userId() == candidate.userId()) {
            return CandidateVerdict.CHOSEN;
        }
        return candidate.load() > chosen.load() ? CandidateVerdict.MORE_BUSY
                : CandidateVerdict.TOOK_A_CHAT_MORE_RECENTLY;
    }
}
