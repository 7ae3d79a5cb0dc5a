package org.switchboard.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** the relay publishes only the pending events that no publisher of this node has in hand. */
class LiveEventsTest {

    private static final List<Long> PENDING = List.of(1L, 2L, 3L, 4L);

    @Test
    @DisplayName("X-03 after a restart nothing is in hand: every pending event is left behind and relayed")
    void afterRestart() {
        assertEquals(List.of(1L, 2L, 3L, 4L), new LiveEvents().leftBehind(PENDING));
    }

    @Test
    @DisplayName("X-03 events committed on this node are the publisher's, however late it is: not relayed twice")
    void inHand() {
        LiveEvents live = new LiveEvents();
        live.taken(List.of(2L, 3L));

        assertEquals(List.of(1L, 4L), live.leftBehind(PENDING));
    }

    @Test
    @DisplayName("X-03 events the publisher gives up (a failed send) go back to the relay; marked ones leave the set")
    void released() {
        LiveEvents live = new LiveEvents();
        live.taken(List.of(1L, 2L, 3L));

        live.released(List.of(2L));

        assertEquals(List.of(2L, 4L), live.leftBehind(PENDING));
        live.released(List.of(1L, 3L));
        assertEquals(0, live.size());
    }
}
