package org.switchboard.core.chat;

import java.io.Serializable;
import org.switchboard.model.channel.ChannelProvider;

/**
 * What an administrator enters for a channel (CH-10, CH-11, CH-14); checked by {@link ChatSettingsService}.
 *
 * @param provider read on creation only: a channel keeps its provider
 */
public record ChannelDraft(ChannelProvider provider, String name, boolean active, Long queueId, String language)
        implements Serializable {
}
