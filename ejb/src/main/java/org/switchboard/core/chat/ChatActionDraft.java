package org.switchboard.core.chat;

import java.io.Serializable;

/** What an administrator enters for a chat action (CH-07); checked by {@link ChatSettingsService}. */
public record ChatActionDraft(String title, String process, Long queueId) implements Serializable {
}
