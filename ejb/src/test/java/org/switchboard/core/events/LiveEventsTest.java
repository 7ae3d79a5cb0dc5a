package org.switchboard.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** the relay publishes only the pending events that no publisher of this node has in hand. */
class LiveEventsTest {

    private static final List<OutboxMessage> PENDING = List.of(message(1), message(2), message(3), message(4));

    private static OutboxMessage message(long journalId) {
        return new OutboxMessage(journalId, "event-" + journalId, "ChatMessageReceived", 1, "{}");
    }

    private static List<Long> ids(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::journalId).toList();
    }

    @Test
    @DisplayName("X-03 after a restart nothing is in hand: every pending event is left behind and relayed")
    void afterRestart() {
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(new LiveEvents().leftBehind(PENDING)));
    }

    @Test
    @DisplayName("X-03 events committed on this node are the publisher's, however late it is: not relayed twice")
    void inHand() {
        LiveEvents live = new LiveEvents();
        live.taken(List.of(2L, 3L));

        assertEquals(List.of(1L, 4L), ids(live.leftBehind(PENDING)));
    }

    @Test
    @DisplayName("X-03 events the publisher gives up (a failed send) go back to the relay; marked ones leave the set")
    void released() {
        LiveEvents live = new LiveEvents();
        live.taken(List.of(1L, 2L, 3L));

        live.released(List.of(2L));

        assertEquals(List.of(2L, 4L), ids(live.leftBehind(PENDING)));
        live.released(List.of(1L, 3L));
        assertEquals(0, live.size());
    }
}
