package org.switchboard.core.chat;

import java.io.Serializable;
import java.util.Map;
import org.switchboard.model.channel.ChannelProvider;

/**
 * A channel as the designer and the REST API show it (CH-10, CH-11, CH-14), with the name of its queue and the
 * provider's settings that are not secret (the bot's name, the WhatsApp number, the webhook URL to give Twilio).
 */
public record ChannelView(long id, long version, ChannelProvider provider, String name, boolean active, long queueId,
                          String queueName, String language, Map<String, String> settings) implements Serializable {
}
