package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What this node learnt about who writes in (X-03 ingestion): a sender's identity on a channel maps to a contact
 * forever, so that mapping is remembered; the contact's open chat is remembered as a hint only, which the engine
 * re-reads by its primary key and drops when it is completed or gone; a queue's operators are remembered for two
 * seconds. Bounded (least recently used first out), so memory does not grow with the number of contacts.
 */
@ApplicationScoped
public class ChatDirectory {

    static final int CAPACITY = 100_000;

    /** A contact as known on a channel. */
    public record KnownSender(long contactId, String contactName, String displayName) {
    }

    /** How long a queue's operators are remembered: membership changes reach routing within this time. */
    static final long OPERATORS_TTL_NANOS = 2_000_000_000L;

    /** A queue's operators (ids and logins, in id order) as read at {@code readAt}. */
    record QueueOperators(List<Long> ids, List<String> logins, long readAt) {
    }

    private final Map<Long, QueueOperators> queueOperators = new ConcurrentHashMap<>();
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

    /** The queue's operators, read again by the loader when older than {@link #OPERATORS_TTL_NANOS}. */
    QueueOperators operators(long queueId, Function<Long, QueueOperators> loader) {
        QueueOperators known = queueOperators.get(queueId);
        if (known == null || System.nanoTime() - known.readAt() > OPERATORS_TTL_NANOS) {
            known = loader.apply(queueId);
            queueOperators.put(queueId, known);
        }
        return known;
    }

    /** Forgets a queue's operators after an administrator changed them on this node. */
    public void forgetQueue(long queueId) {
        queueOperators.remove(queueId);
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
