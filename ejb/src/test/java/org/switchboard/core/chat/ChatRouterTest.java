package org.switchboard.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.chat.RoutingRule;

class ChatRouterTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 25, 9, 0, 0, 0, ZoneOffset.UTC);

    private static OperatorCandidate active(long id, int load, OffsetDateTime lastAssigned) {
        return new OperatorCandidate(id, "op" + id, OperatorStatus.ACTIVE, load, lastAssigned);
    }

    private static OperatorCandidate inactive(long id, int load) {
        return new OperatorCandidate(id, "op" + id, OperatorStatus.INACTIVE, load, null);
    }

    private static Map<Long, CandidateVerdict> verdicts(RoutingPlan plan) {
        return plan.candidates().stream()
                .collect(Collectors.toMap(j -> j.candidate().userId(), RoutingPlan.Judged::verdict));
    }

    @Test
    @DisplayName("CH-03 'To all' offers the chat to every Active operator below capacity")
    void toAllOffersEveryEligibleOperator() {
        RoutingPlan plan = ChatRouter.route(RoutingRule.TO_ALL,
                List.of(active(1, 0, null), active(2, 4, T0), inactive(3, 0), active(4, 5, T0)), 5);
        assertEquals(RoutingOutcome.OFFERED, plan.outcome());
        assertNull(plan.chosenUserId());
        assertEquals(List.of(1L, 2L), plan.offeredTo().stream().sorted().toList());
        assertEquals(Map.of(1L, CandidateVerdict.OFFERED, 2L, CandidateVerdict.OFFERED,
                3L, CandidateVerdict.INACTIVE, 4L, CandidateVerdict.AT_CAPACITY), verdicts(plan));
    }

    @Test
    @DisplayName("CH-04 'To the least busy' assigns to the operator with the fewest chats")
    void leastBusyTakesFewestChats() {
        RoutingPlan plan = ChatRouter.route(RoutingRule.LEAST_BUSY,
                List.of(active(1, 2, null), active(2, 1, T0.plusHours(1)), active(3, 3, null)), 5);
        assertEquals(RoutingOutcome.ASSIGNED, plan.outcome());
        assertEquals(2L, plan.chosenUserId());
        assertEquals(CandidateVerdict.MORE_BUSY, verdicts(plan).get(1L));
    }

    @Test
    @DisplayName("CH-04 on a tie the operator who has gone longest without a new chat wins; never beats any time")
    void tieGoesToLongestWithoutNewChat() {
        RoutingPlan plan = ChatRouter.route(RoutingRule.LEAST_BUSY,
                List.of(active(1, 1, T0.plusMinutes(30)), active(2, 1, T0), active(3, 2, null)), 5);
        assertEquals(2L, plan.chosenUserId());
        assertEquals(CandidateVerdict.TOOK_A_CHAT_MORE_RECENTLY, verdicts(plan).get(1L));

        RoutingPlan never = ChatRouter.route(RoutingRule.LEAST_BUSY,
                List.of(active(1, 1, T0), active(7, 1, null)), 5);
        assertEquals(7L, never.chosenUserId());
    }

    @Test
    @DisplayName("CH-04 an Inactive operator gets no chats, even when least busy")
    void inactiveOperatorIsSkipped() {
        RoutingPlan plan = ChatRouter.route(RoutingRule.LEAST_BUSY, List.of(inactive(1, 0), active(2, 3, T0)), 5);
        assertEquals(2L, plan.chosenUserId());
        assertEquals(CandidateVerdict.INACTIVE, verdicts(plan).get(1L));
    }

    @Test
    @DisplayName("CH-08 an operator at SimultaneousChats gets nothing; nobody eligible keeps the chat waiting")
    void capacityKeepsChatWaiting() {
        RoutingPlan plan = ChatRouter.route(RoutingRule.LEAST_BUSY, List.of(active(1, 2, null), active(2, 2, T0)),
                2);
        assertEquals(RoutingOutcome.QUEUED, plan.outcome());
        assertNull(plan.chosenUserId());
        assertEquals(Map.of(1L, CandidateVerdict.AT_CAPACITY, 2L, CandidateVerdict.AT_CAPACITY), verdicts(plan));

        assertEquals(RoutingOutcome.QUEUED, ChatRouter.route(RoutingRule.TO_ALL, List.of(), 5).outcome());
    }
}
