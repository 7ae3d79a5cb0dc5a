package org.switchboard.core.chat;

import java.util.List;
import java.util.Optional;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.chat.RoutingRule;

/**
 * The router's answer for one chat: offer it to all eligible operators, assign it to one, or keep it waiting in its
 * queue; with every candidate's verdict, so that the decision can be explained later (CH-03, CH-04, CH-08).
 */
public record RoutingPlan(RoutingRule rule, RoutingOutcome outcome, Long chosenUserId, int capacity,
        List<Judged> candidates) {

    /** A candidate with the router's verdict. */
    public record Judged(OperatorCandidate candidate, CandidateVerdict verdict) {
    }

    /** The operators the chat is offered to ("To all"). */
    public List<Long> offeredTo() {
        return candidates.stream().filter(j -> j.verdict() == CandidateVerdict.OFFERED)
                .map(j -> j.candidate().userId()).toList();
    }

    public Optional<Long> chosen() {
        return Optional.ofNullable(chosenUserId);
    }
}
