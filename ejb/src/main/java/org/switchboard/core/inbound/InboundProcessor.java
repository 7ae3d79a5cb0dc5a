package org.switchboard.core.inbound;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.TransactionEnd;
import org.switchboard.model.inbound.DeadLetter;
import org.switchboard.model.inbound.DeadLetterStatus;

/**
 * Processes inbound items in one transaction per batch: each item is parsed, authorized against its submitter
 * and handled by its type's {@link InboundHandler}, or, when it cannot be processed as it is, becomes a dead letter
 * with its reason in the same transaction. One commit for many messages and no broker in the transaction is what
 * makes ingestion fast; a batch that fails as a whole is retried item by item by {@link InboundBatcher}.
 */
@Stateless
@PermitAll
public class InboundProcessor {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private InboundHandlers handlers;

    @Inject
    private Clock clock;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** An item read and authorized, with its handler. */
    private record Accepted(InboundHandler<Object> handler, Object message) {
    }

    /** Processes the items in one new transaction; returns how many were rejected into dead letters. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int processBatch(List<InboundItem> items) {
        InboundBatch batch = new InboundBatch(items.size());
        TransactionEnd.afterCommit(transactions, batch::committed);
        // The handlers look up what this batch wrote in their own caches, so nothing needs flushing before a query:
        // the batch's inserts go to the database together at commit, in JDBC batches.
        em.setFlushMode(FlushModeType.COMMIT);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<InboundItem, Object> read = new IdentityHashMap<>();
        Map<InboundHandler<Object>, List<Object>> byHandler = new LinkedHashMap<>();
        for (InboundItem item : items) {
            try {
                Accepted accepted = accept(item);
                read.put(item, accepted);
                byHandler.computeIfAbsent(accepted.handler(), h -> new ArrayList<>()).add(accepted.message());
            } catch (InboundRejectedException e) {
                read.put(item, e);
            }
        }
        byHandler.forEach((handler, messages) -> handler.prepare(batch, messages));
        int rejected = 0;
        for (InboundItem item : items) {
            try {
                if (read.get(item) instanceof InboundRejectedException e) {
                    throw e;
                }
                Accepted accepted = (Accepted) read.get(item);
                accepted.handler().handle(batch, accepted.message(), item.submitter());
                if (item.deadLetterId() != null) {
                    em.find(DeadLetter.class, item.deadLetterId()).resolve(DeadLetterStatus.REPLAYED, now,
                            Callers.SYSTEM);
                }
            } catch (InboundRejectedException e) {
                rejected++;
                deadLetter(item, e.reasonCode(), e.getMessage(), now);
            }
        }
        return rejected;
    }

    /** Stores an item that failed even alone as a dead letter with the failure, in a new transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(InboundItem item, String reason) {
        deadLetter(item, "PROCESSING_FAILED", reason, OffsetDateTime.now(clock));
    }

    /**
     * The item's handler and message, once its submitter is found to be allowed to submit it.
     *
     * @throws InboundRejectedException an unknown type or version, a body that does not parse, or a refusal
     */
    @SuppressWarnings("unchecked")
    private Accepted accept(InboundItem item) {
        InboundHandler<Object> handler = (InboundHandler<Object>) handlers.of(item.type(), item.version());
        Object message = handler.parse(item.version(), item.body());
        handler.authorize(message, item.submitter());
        return new Accepted(handler, message);
    }

    private void deadLetter(InboundItem item, String code, String reason, OffsetDateTime now) {
        if (item.deadLetterId() != null) {
            em.find(DeadLetter.class, item.deadLetterId()).failedAgain(code, reason, now);
        } else {
            em.persist(new DeadLetter(item.type() == null ? "(none)" : item.type(), item.version(),
                    item.submitter().via().name(), item.submitter().name(), code, reason, item.body(), now));
        }
        LOG.warning(() -> "Inbound " + item.type() + " from " + item.submitter() + " dead-lettered: " + code);
    }
}
