package org.switchboard.core.channel;

import java.io.Serializable;
import java.util.Map;
import org.switchboard.model.channel.ChannelProvider;

/**
 * What an administrator enters for a channel (CH-10, CH-11, CH-14); checked by {@link ChatSettingsService}.
 *
 * @param provider read on creation only: a channel keeps its provider
 * @param settings the provider's own settings by the names of {@link org.switchboard.core.channel.ChannelSettings}
 *                 (the bot token of Telegram, Twilio's account of WhatsApp); a secret left blank keeps the stored one
 */
public record ChannelDraft(ChannelProvider provider, String name, boolean active, Long queueId, String language,
        Map<String, String> settings) implements Serializable {

    public ChannelDraft {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public ChannelDraft(ChannelProvider provider, String name, boolean active, Long queueId, String language) {
        this(provider, name, active, queueId, language, Map.of());
    }

    /** A provider setting as given, stripped; null when blank. */
    public String setting(String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
