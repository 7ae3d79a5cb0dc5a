package org.switchboard.web.chat;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.switchboard.core.common.Jsons;

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

    /** How long changes are collected before they are pushed. */
    static final long COALESCE_MILLIS = 150;

    @Inject
    @Push(channel = CHANNEL)
    private PushContext chats;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** The latest message per user not pushed yet. */
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * Pushes the latest change of each user within {@value #COALESCE_MILLIS} ms as one message: a panel reloads on any
     * message anyway, and a busy queue changes many times a second.
     *
     * @param logins the users whose panels the change concerns; users without an open panel are skipped
     * @param chatId the chat that changed, or {@code null} for an operator's status change
     */
    public void notify(String type, Long chatId, Collection<String> logins) {
        if (logins.isEmpty()) {
            return;
        }
        var message = Jsons.object().add("type", type);
        if (chatId == null) {
            message.addNull("chatId");
        } else {
            message.add("chatId", chatId);
        }
        String json = message.build().toString();
        logins.forEach(login -> pending.put(login, json));
        if (scheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(this::flush, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                flush();
            }
        }
    }

    /** Sends what is pending: one send per distinct message, to all the users it is the latest for. */
    void flush() {
        scheduled.set(false);
        Map<String, Set<String>> byMessage = new HashMap<>();
        for (Map.Entry<String, String> entry : pending.entrySet()) {
            if (pending.remove(entry.getKey(), entry.getValue())) {
                byMessage.computeIfAbsent(entry.getValue(), m -> new HashSet<>()).add(entry.getKey());
            }
        }
        byMessage.forEach((json, logins) -> {
            try {
                chats.send(json, logins);
            } catch (RuntimeException e) {
                LOG.warning(() -> "Could not push to " + logins.size() + " panel(s): " + e);
            }
        });
        LOG.fine(() -> "Pushed " + byMessage.size() + " message(s)");
    }
}
