package org.switchboard.core.chat;

import java.io.Serializable;

/** What an administrator enters for a quick-reply template (CH-11); checked by {@link ChatSettingsService}. */
public record QuickReplyDraft(String language, String title, String body) implements Serializable {
}
