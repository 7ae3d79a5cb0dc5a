package org.switchboard.core.channel.facebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.facebook.FacebookAdapter.Window;

/** Messenger's messaging window for replies (issue 19 item 4): 24 hours, then 7 days as a human agent, then none. */
class FacebookWindowTest {

    @Test
    @DisplayName("FB-02 CH-12: a RESPONSE up to 24 h after the customer's last message, HUMAN_AGENT up to 7 days, "
            + "then no reply")
    void windows() {
        assertEquals(Window.RESPONSE, Window.after(null));
        assertEquals(Window.RESPONSE, Window.after(Duration.ZERO));
        assertEquals(Window.RESPONSE, Window.after(Duration.ofHours(24)));
        assertEquals(Window.HUMAN_AGENT, Window.after(Duration.ofHours(24).plusSeconds(1)));
        assertEquals(Window.HUMAN_AGENT, Window.after(Duration.ofDays(7)));
        assertEquals(Window.CLOSED, Window.after(Duration.ofDays(7).plusSeconds(1)));
    }
}
