package org.switchboard.core.chat;

import java.time.OffsetDateTime;
import org.switchboard.model.chat.OperatorStatus;

/** One operator considered by a routing decision, as they were at that moment, and the router's verdict. */
public record CandidateView(long userId, String login, OperatorStatus status, int load,
        OffsetDateTime lastAssignedAt, CandidateVerdict verdict) {
}
