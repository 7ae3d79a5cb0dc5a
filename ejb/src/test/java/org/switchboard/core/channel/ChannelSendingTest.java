package org.switchboard.core.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The provider-neutral parts of sending replies: splitting long texts ({@link ReplyParts#pieces}), spacing sends
 * ({@link ChannelRateLimiter}).
 */
class ChannelSendingTest {

    /** Tolerance for the time that passes between two calls of the limiter in one test (no sleeping involved). */
    private static final Duration SLACK = Duration.ofMillis(80);

    // --- pieces -----------------------------------------------------------------------------------------------------

    /**
     * Asserts that the pieces are the text in order, each at most {@code max} long and not blank, with nothing lost
     * but the whitespace skipped at a cut.
     */
    private static void assertPiecesOf(String text, int max, List<String> pieces) {
        int at = 0;
        for (String piece : pieces) {
            assertTrue(piece.length() <= max, () -> "piece longer than " + max + ": " + piece.length());
            assertFalse(piece.isBlank(), "blank piece");
            assertTrue(text.startsWith(piece, at), () -> "piece not found in order: " + piece);
            at += piece.length();
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
        assertEquals(text.length(), at, "text lost at the end");
    }

    @Test
    @DisplayName("CH-12: no text is no pieces; a text within the limit is one piece, unchanged")
    void shortTexts() {
        assertEquals(List.of(), ReplyParts.pieces(null, 10));
        assertEquals(List.of(), ReplyParts.pieces(" \n ", 10));
        assertEquals(List.of("  hello\n"), ReplyParts.pieces("  hello\n", 10));
        assertEquals(List.of("0123456789"), ReplyParts.pieces("0123456789", 10));
    }

    @Test
    @DisplayName("CH-12: a long text is cut at its last line break, else at its last space, within the limit")
    void cutsAtBreaks() {
        assertEquals(List.of("first line", "second one"), ReplyParts.pieces("first line\nsecond one", 15));
        assertEquals(List.of("one two three", "four five"), ReplyParts.pieces("one two three four five", 15));
        // The line break wins over a later space.
        assertEquals(List.of("aaaa bbbb", "cccc dddd eeee"), ReplyParts.pieces("aaaa bbbb\ncccc dddd eeee", 15));
    }

    @Test
    @DisplayName("CH-12: a text without a space in the second half of the limit is cut hard at the limit")
    void hardCut() {
        String text = "x".repeat(25);

        assertEquals(List.of("x".repeat(10), "x".repeat(10), "xxxxx"), ReplyParts.pieces(text, 10));
        // A space only in the first half would make a tiny piece: the cut is hard instead.
        assertEquals(List.of("a b" + "c".repeat(7), "cccc"), ReplyParts.pieces("a b" + "c".repeat(11), 10));
    }

    @Test
    @DisplayName("CH-12: random texts are split without losing, reordering or adding characters")
    void neverLosesText() {
        Random random = new Random(20240813);
        String[] words = {"a", "hello", "Switchboard", "\n", "  ", "order-118", "x".repeat(40), "é", "привет"};
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(60); i >= 0; i--) {
                text.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? '\n' : ' ');
            }
            String value = "start " + text.toString().strip();
            int max = 8 + random.nextInt(40);
            assertPiecesOf(value, max, ReplyParts.pieces(value, max));
        }
    }

    @Test
    @DisplayName("CH-12: a hard cut never splits an emoji (a UTF-16 surrogate pair) into two broken halves")
    void keepsSurrogatePairs() {
        String text = "a" + "😀".repeat(10);

        List<String> pieces = ReplyParts.pieces(text, 10);

        assertPiecesOf(text, 10, pieces);
        for (String piece : pieces) {
            assertFalse(Character.isLowSurrogate(piece.charAt(0)), "piece starts with half an emoji: " + pieces);
            assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)),
                    "piece ends with half an emoji: " + pieces);
        }
    }

    // --- ChannelRateLimiter ------------------------------------------------------------------------------------------

    private static void assertAbout(Duration expected, Duration actual) {
        assertTrue(actual.compareTo(expected) <= 0 && actual.compareTo(expected.minus(SLACK)) > 0,
                () -> "expected about " + expected + " (at most), was " + actual);
    }

    @Test
    @DisplayName("CH-12: consecutive reserves on one key are spaced by the interval: waits 0, 100, 200 ms")
    void reservesAreSpaced() {
        ChannelRateLimiter limiter = new ChannelRateLimiter();
        Duration interval = Duration.ofMillis(100);

        assertEquals(Duration.ZERO, limiter.reserve("bot:1", interval));
        assertAbout(Duration.ofMillis(100), limiter.reserve("bot:1", interval));
        assertAbout(Duration.ofMillis(200), limiter.reserve("bot:1", interval));
        assertAbout(Duration.ofMillis(300), limiter.waitFor("bot:1"));
    }

    @Test
    @DisplayName("CH-12: a pause (429 retry_after) holds the key for that long; a shorter one shortens nothing")
    void pauseHoldsTheKey() {
        ChannelRateLimiter limiter = new ChannelRateLimiter();

        limiter.pause("bot:1", Duration.ofSeconds(5));
        assertAbout(Duration.ofSeconds(5), limiter.waitFor("bot:1"));
        assertAbout(Duration.ofSeconds(5), limiter.reserve("bot:1", Duration.ofSeconds(1)));

        limiter.pause("bot:1", Duration.ofSeconds(2));
        assertAbout(Duration.ofSeconds(6), limiter.waitFor("bot:1"));
        assertAbout(Duration.ofSeconds(5), limiter.pausedFor("bot:1"));
    }

    @Test
    @DisplayName("CH-12: a send that reserved its slot before a 429 sees the pause before it goes; reservations alone "
            + "are no pause")
    void reservedSendSeesALaterPause() {
        ChannelRateLimiter limiter = new ChannelRateLimiter();
        limiter.reserve("bot:1", Duration.ofMillis(33));
        limiter.reserve("bot:1", Duration.ofMillis(33));
        assertEquals(Duration.ZERO, limiter.pausedFor("bot:1"));

        limiter.pause("bot:1", Duration.ofSeconds(5));
        assertAbout(Duration.ofSeconds(5), limiter.pausedFor("bot:1"));
        assertEquals(Duration.ZERO, limiter.pausedFor("bot:2"));
    }

    @Test
    @DisplayName("CH-12: keys are independent: a busy or paused key does not delay another")
    void keysAreIndependent() {
        ChannelRateLimiter limiter = new ChannelRateLimiter();
        limiter.reserve("chat:42", Duration.ofHours(1));
        limiter.pause("bot:1", Duration.ofMinutes(1));

        assertEquals(Duration.ZERO, limiter.waitFor("chat:43"));
        assertEquals(Duration.ZERO, limiter.reserve("chat:43", Duration.ofHours(1)));
        assertEquals(Duration.ZERO, limiter.reserve("bot:2", Duration.ofSeconds(1)));
        assertAbout(Duration.ofHours(1), limiter.waitFor("chat:42"));
    }
}
