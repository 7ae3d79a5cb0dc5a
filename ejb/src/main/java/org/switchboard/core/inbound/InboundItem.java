package org.switchboard.core.inbound;

import java.util.concurrent.CompletableFuture;

/**
 * One inbound message on its way through processing: its type ({@code JMSType}), format version, body, who
 * submitted it, and, for a replay, the dead letter it came back from. The future completes when it is processed (or
 * dead-lettered) and committed.
 */
public record InboundItem(String type, int version, String body, Submitter submitter, Long deadLetterId,
        CompletableFuture<Void> done) {

    public static InboundItem of(String type, int version, String body, Submitter submitter) {
        return new InboundItem(type, version, body, submitter, null, new CompletableFuture<>());
    }

    /** A dead letter processed again, as its original submitter. */
    public static InboundItem replay(String type, int version, String body, Submitter submitter, long deadLetterId) {
        return new InboundItem(type, version, body, submitter, deadLetterId, new CompletableFuture<>());
    }
}
