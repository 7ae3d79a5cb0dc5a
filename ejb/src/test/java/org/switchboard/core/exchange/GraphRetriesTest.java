package org.switchboard.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the mail and the contact sync make one Graph call (MB-02, EC-01): throttling waited out, a token replaced. */
class GraphRetriesTest {

    private final AtomicReference<GraphMailbox> mailbox = new AtomicReference<>(
            new GraphMailbox("ann@contoso.test", false, "token-1"));
    private final List<String> tokensSeen = new ArrayList<>();
    private int replaced;

    private void replace() {
        replaced++;
        mailbox.set(mailbox.get().withToken("token-" + (replaced + 1)));
    }

    /** A call that fails with each outcome given in turn, then answers "done". */
    private String call(GraphException... failures) {
        return GraphRetries.call(mailbox::get, this::replace, box -> {
            tokensSeen.add(box.accessToken());
            if (tokensSeen.size() <= failures.length) {
                throw failures[tokensSeen.size() - 1];
            }
            return "done";
        });
    }

    private static GraphException outcome(GraphException.Outcome outcome) {
        return new GraphException(outcome, outcome.name(), Duration.ofMillis(5));
    }

    @Test
    @DisplayName("MB-02 EC-01 a refused token is replaced once and the call sent again with the new one")
    void tokenReplacedOnce() {
        assertEquals("done", call(outcome(GraphException.Outcome.TOKEN_REJECTED)));
        assertEquals(List.of("token-1", "token-2"), tokensSeen);

        tokensSeen.clear();
        GraphException second = outcome(GraphException.Outcome.TOKEN_REJECTED);
        assertSame(second, assertThrows(GraphException.class,
                () -> call(outcome(GraphException.Outcome.TOKEN_REJECTED), second)), "a second refusal is the call's");
        assertEquals(2, replaced, "once per call");
    }

    @Test
    @DisplayName("MB-02 EC-01 throttling is waited out as Graph asks, five times at most; the sixth is the call's")
    void throttlingWaitedOut() {
        GraphException throttled = outcome(GraphException.Outcome.THROTTLED);
        assertEquals("done", call(throttled, throttled, throttled));
        assertEquals(4, tokensSeen.size());

        tokensSeen.clear();
        GraphException[] six = new GraphException[GraphRetries.THROTTLE_WAITS + 1];
        Arrays.fill(six, throttled);
        assertSame(throttled, assertThrows(GraphException.class, () -> call(six)));
        assertEquals(GraphRetries.THROTTLE_WAITS + 1, tokensSeen.size());
        assertEquals(0, replaced);
    }

    @Test
    @DisplayName("MB-02 EC-01 any other failure is the call's at once, not sent again")
    void otherFailuresAtOnce() {
        for (GraphException.Outcome outcome : List.of(GraphException.Outcome.REFUSED,
                GraphException.Outcome.UNAVAILABLE, GraphException.Outcome.NOT_FOUND)) {
            tokensSeen.clear();
            assertEquals(outcome, assertThrows(GraphException.class, () -> call(outcome(outcome))).outcome());
            assertEquals(1, tokensSeen.size(), outcome.name());
        }
    }
}
