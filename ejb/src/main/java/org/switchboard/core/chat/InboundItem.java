package org.switchboard.core.chat;

import java.util.concurrent.CompletableFuture;

/**
 * One inbound message on its way through processing: its type ({@code JMSType}), format version, body, where it came
 * from, and, for a replay, the dead letter it came back from. The future completes when it is stored (or
 * dead-lettered) and committed.
 */
public record InboundItem(String type, int version, String body, String source, Long deadLetterId,
        CompletableFuture<Void> done) {

    public static final String SOURCE_JMS = "JMS";
    public static final String SOURCE_REPLAY = "REPLAY";

    public static InboundItem of(String type, int version, String body, String source) {
        return new InboundItem(type, version, body, source, null, new CompletableFuture<>());
    }

    public static InboundItem replay(String type, String body, long deadLetterId) {
        return new InboundItem(type, 1, body, SOURCE_REPLAY, deadLetterId, new CompletableFuture<>());
    }
}
