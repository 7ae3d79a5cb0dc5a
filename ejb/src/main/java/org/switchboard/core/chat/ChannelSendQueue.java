package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replies this node is sending now, so that the chat timer's second look at a due reply does not start a second
 * send beside the first before that one has claimed it (the claim in the database decides between nodes).
 */
@ApplicationScoped
public class ChannelSendQueue {

    private final Set<Long> inHand = ConcurrentHashMap.newKeySet();

    public boolean enter(long messageId) {
        return inHand.add(messageId);
    }

    public void leave(long messageId) {
        inHand.remove(messageId);
    }
}
