package org.switchboard.core.inbound;

import java.util.List;
import java.util.Set;

/**
 * One inbound message type of the queue and of {@code POST /api/v1/inbound}: its name ({@code JMSType}), the
 * format versions it accepts, how a body becomes a message, its idempotency key, who may submit it, and how it is
 * processed in the inbound processor's transaction. A CDI bean of the feature the type belongs to; the pipeline finds
 * it by {@link #type()}, so adding a type is one class.
 *
 * @param <T> the parsed message
 */
public interface InboundHandler<T> {

    /** The message type, as sent in {@code JMSType} and in the REST body's {@code type}. */
    String type();

    /** The format versions this handler reads (the int property {@code version}). */
    default Set<Integer> versions() {
        return Set.of(1);
    }

    /**
     * Reads and validates a body of an accepted version.
     *
     * @throws InboundRejectedException naming the field at fault
     */
    T parse(int version, String body);

    /** The message's idempotency key (a repeat of it changes nothing), or null when it has none. */
    String key(T message);

    /**
     * Checks that the submitter may submit this message: over REST at once (a refusal is a 403), and again when it
     * is processed or replayed.
     *
     * @throws InboundRefusedException when it may not
     * @throws InboundRejectedException when the message lacks what its submitter must give
     */
    void authorize(T message, Submitter submitter);

    /** Reads at once what the batch's messages of this type would otherwise read one by one (optional). */
    default void prepare(InboundBatch batch, List<T> messages) {
    }

    /**
     * Processes the message in the batch's transaction.
     *
     * @throws InboundRejectedException when it cannot be processed as it is (it becomes a dead letter)
     */
    void handle(InboundBatch batch, T message, Submitter submitter);
}
