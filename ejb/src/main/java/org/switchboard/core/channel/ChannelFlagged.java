package org.switchboard.core.channel;

import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A channel was flagged because its provider no longer takes its messages (FB-07): a withdrawn token or permission, or
 * another app that took the page's conversations (FB-04); or its flag was cleared by signing in again
 * ({@code reason} null). The audience are the holders of {@code CanManageChats}, whose panels show the flag.
 */
public record ChannelFlagged(long channelId, String channel, String provider, String reason,
        List<String> audience) implements DomainEvent {

    public static final String TYPE = EventTypes.CHANNEL_FLAGGED;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String subject() {
        return channel;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("channelId", channelId).add("channel", channel).add("provider", provider);
        if (reason == null) {
            data.addNull("reason");
        } else {
            data.add("reason", reason);
        }
        var logins = Jsons.array();
        audience.forEach(logins::add);
        data.add("audience", logins);
    }
}
