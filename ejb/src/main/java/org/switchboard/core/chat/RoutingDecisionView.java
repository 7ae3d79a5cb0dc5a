package org.switchboard.core.chat;

import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.chat.RoutingRule;

/**
 * A routing decision about a chat (CH-03, CH-04, CH-08), answering "why did this chat go to Bob?": the rule, the
 * outcome, the operator concerned, the reason in words, the capacity that applied and every candidate's verdict.
 */
public record RoutingDecisionView(long id, OffsetDateTime decidedAt, RoutingRule rule, RoutingOutcome outcome,
        String operatorLogin, String reason, Integer capacity, List<CandidateView> candidates) {
}
