package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this node learnt about who writes in (X-03 ingestion): a sender's identity on a channel maps to a contact
 * forever, so that mapping is remembered; the contact's open chat is remembered as a hint only, which the engine
 * re-reads by its primary key and drops when it is completed or gone. Bounded (least recently used first out), so
 * memory does not grow with the number of contacts; nothing here is ever trusted without the database.
 */
@ApplicationScoped
public class ChatDirectory {

    static final int CAPACITY = 100_000;

    /** A contact as known on a channel. */
    public record KnownSender(long contactId, String contactName, String displayName) {
    }

    private final Map<String, KnownSender> senders = lru();
    private final Map<Long, Long> openChats = lru();

    static String key(long channelId, String senderId) {
        return channelId + "\u0000" + senderId;
    }

    KnownSender sender(long channelId, String senderId) {
        synchronized (senders) {
            return senders.get(key(channelId, senderId));
        }
    }

    void rememberSender(long channelId, String senderId, KnownSender sender) {
        synchronized (senders) {
            senders.put(key(channelId, senderId), sender);
        }
    }

    /** The chat last seen open for the contact, a hint to verify. */
    Long openChat(long contactId) {
        synchronized (openChats) {
            return openChats.get(contactId);
        }
    }

    void rememberOpenChat(long contactId, long chatId) {
        synchronized (openChats) {
            openChats.put(contactId, chatId);
        }
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > CAPACITY;
            }
        };
    }
}
