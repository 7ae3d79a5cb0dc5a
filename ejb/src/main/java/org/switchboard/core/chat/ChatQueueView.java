package org.switchboard.core.chat;

import java.io.Serializable;
import java.util.List;
import org.switchboard.model.chat.RoutingRule;

/**
 * A chat queue as the designer and the REST API show it (CH-02, CH-06, CH-13).
 *
 * @param completionTimeoutMinutes minutes after the last outgoing message; {@code null} = never (CH-05)
 * @param operators                users first, then roles, each by name
 */
public record ChatQueueView(long id, long version, String name, RoutingRule routingRule,
                            Integer completionTimeoutMinutes, List<QueueOperatorView> operators)
        implements Serializable {
}
