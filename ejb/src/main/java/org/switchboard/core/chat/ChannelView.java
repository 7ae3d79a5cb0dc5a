package org.switchboard.core.chat;

import java.io.Serializable;
import org.switchboard.model.channel.ChannelProvider;

/** A channel as the designer and the REST API show it (CH-10, CH-11, CH-14), with the name of its queue. */
public record ChannelView(long id, long version, ChannelProvider provider, String name, boolean active, long queueId,
                          String queueName, String language) implements Serializable {
}
