package org.switchboard.core.chat;

import java.io.Serializable;
import org.switchboard.model.chat.RoutingRule;

/** What an administrator enters for a chat queue (CH-02, CH-13); checked by {@link ChatSettingsService}. */
public record ChatQueueDraft(String name, RoutingRule routingRule, Integer completionTimeoutMinutes)
        implements Serializable {
}
