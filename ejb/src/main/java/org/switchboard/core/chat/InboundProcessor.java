package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.mailbox.MailSendCommands;
import org.switchboard.core.mailbox.MailboxSyncCommand;
import org.switchboard.core.mailbox.SendEmailCommand;
import org.switchboard.model.events.DeadLetter;
import org.switchboard.model.events.DeadLetterStatus;

/**
 * Processes inbound messages in one transaction per batch: each item is stored through {@link ChatEngine}, or,
 * when it cannot be processed as it is, becomes a dead letter with its reason in the same transaction. One commit for
 * many messages and no broker in the transaction is what makes ingestion fast; a batch that fails as a whole is
 * retried item by item by {@link InboundBatcher}.
 */
@Stateless
@PermitAll
public class InboundProcessor {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChatEngine engine;

    @Inject
    private OutboundChats outbound;

    @Inject
    private MailSendCommands mailSends;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Processes the items in one new transaction; returns how many were rejected into dead letters. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int processBatch(List<InboundItem> items) {
        ChatEngine.Work work = engine.work(Callers.SYSTEM);
        if (items.size() > 1) {
            work.inBatch();
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    engine.committed(work);
                }
            }
        });
        // The engine looks up what this batch wrote in its own caches, so nothing needs flushing before a query:
        // the batch's inserts go to the database together at commit, in JDBC batches.
        em.setFlushMode(FlushModeType.COMMIT);
        Map<InboundItem, InboundChatMessage> parsed = parseChatMessages(items);
        engine.prefetch(work, List.copyOf(parsed.values()));
        int rejected = 0;
        for (InboundItem item : items) {
            try {
                handle(work, item, parsed.get(item));
                if (item.deadLetterId() != null) {
                    DeadLetter letter = em.find(DeadLetter.class, item.deadLetterId());
                    letter.resolve(DeadLetterStatus.REPLAYED, work.now(), Callers.SYSTEM);
                }
            } catch (InboundRejectedException e) {
                rejected++;
                deadLetter(work, item, e.reasonCode(), e.getMessage());
            }
        }
        return rejected;
    }

    /** Stores an item that failed even alone as a dead letter with the failure, in a new transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(InboundItem item, String reason) {
        deadLetter(engine.work(Callers.SYSTEM), item, "PROCESSING_FAILED", reason);
    }

    /** The batch's chat messages that parse; the others are rejected with their reason when handled. */
    private static Map<InboundItem, InboundChatMessage> parseChatMessages(List<InboundItem> items) {
        Map<InboundItem, InboundChatMessage> parsed = new IdentityHashMap<>();
        if (items.size() > 1) {
            for (InboundItem item : items) {
                if (item.version() == 1 && InboundChatMessage.TYPE.equals(item.type())) {
                    try {
                        parsed.put(item, InboundChatMessage.parse(item.body()));
                    } catch (InboundRejectedException e) {
                        // handled (and dead-lettered) in its turn
                    }
                }
            }
        }
        return parsed;
    }

    private void handle(ChatEngine.Work work, InboundItem item, InboundChatMessage parsed) {
        if (item.version() != 1) {
            throw new InboundRejectedException("UNSUPPORTED_VERSION", item.type() + " version " + item.version()
                    + " is not supported; version 1 is");
        }
        if (InboundChatMessage.TYPE.equals(item.type())) {
            engine.receive(work, parsed != null ? parsed : InboundChatMessage.parse(item.body()));
        } else if (DeliveryReceipt.TYPE.equals(item.type())) {
            outbound.applyReceipt(work, DeliveryReceipt.parse(item.body()));
        } else if (SendEmailCommand.TYPE.equals(item.type())) {
            mailSends.accept(SendEmailCommand.parse(item.body()));
        } else if (MailboxSyncCommand.TYPE.equals(item.type())) {
            mailSends.accept(MailboxSyncCommand.parse(item.body()));
        } else {
            throw new InboundRejectedException("UNKNOWN_TYPE", "Unknown message type '" + item.type()
                    + "': expected " + InboundChatMessage.TYPE + ", " + DeliveryReceipt.TYPE + ", "
                    + SendEmailCommand.TYPE + " or " + MailboxSyncCommand.TYPE);
        }
    }

    private void deadLetter(ChatEngine.Work work, InboundItem item, String code, String reason) {
        if (item.deadLetterId() != null) {
            DeadLetter letter = em.find(DeadLetter.class, item.deadLetterId());
            letter.failedAgain(code, reason, work.now());
        } else {
            em.persist(new DeadLetter(item.type() == null ? "(none)" : item.type(), item.source(), code, reason,
                    item.body(), work.now()));
        }
        LOG.warning(() -> "Inbound " + item.type() + " from " + item.source() + " dead-lettered: " + code);
    }
}
