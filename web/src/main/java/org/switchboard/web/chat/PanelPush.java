package org.switchboard.web.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Collection;
import java.util.logging.Logger;

/**
 * Tells the open communication panels of some users that a chat or their own status changed (CH-03, CH-04, CH-12):
 * a tiny JSON {@code {"type":..,"chatId":..}} over the Faces web socket channel {@code chats}, after which each panel
 * reloads what it shows. Lives in the WAR because {@code @Push} works only there.
 */
@ApplicationScoped
public class PanelPush {

    /** The web socket channel of the panel's chats tab ({@code <f:websocket channel="chats" user=...>}). */
    public static final String CHANNEL = "chats";

    private static final Logger LOG = Logger.getLogger(PanelPush.class.getName());

    @Inject
    @Push(channel = CHANNEL)
    private PushContext chats;

    /**
     * @param logins the users whose panels the change concerns; users without an open panel are skipped
     * @param chatId the chat that changed, or {@code null} for an operator's status change
     */
    public void notify(String type, Long chatId, Collection<String> logins) {
        if (logins.isEmpty()) {
            return;
        }
        var message = Json.createObjectBuilder().add("type", type);
        if (chatId == null) {
            message.addNull("chatId");
        } else {
            message.add("chatId", chatId);
        }
        chats.send(message.build().toString(), logins);
        LOG.fine(() -> "Pushed " + type + " of chat " + chatId + " to " + logins.size() + " user(s)");
    }
}
