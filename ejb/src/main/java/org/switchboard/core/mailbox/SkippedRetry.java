package org.switchboard.core.mailbox;

/**
 * How a "Retry" of a skipped message ended (MB-02): stored now, still unreadable (with the reason), or no longer on
 * the server (the row is gone either way but in the second case).
 */
public record SkippedRetry(Outcome outcome, String reason) {

    /** What happened to the message. */
    public enum Outcome {
        STORED, FAILED, GONE
    }

    static SkippedRetry stored() {
        return new SkippedRetry(Outcome.STORED, null);
    }

    static SkippedRetry failed(String reason) {
        return new SkippedRetry(Outcome.FAILED, reason);
    }

    static SkippedRetry gone() {
        return new SkippedRetry(Outcome.GONE, null);
    }
}
