package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.DeliveryStatus;

/**
 * The chat work that falls due with time (CH-04, CH-05, CH-08): accept timeouts, completion timeouts, waiting chats
 * and pending outbound messages. The deadlines are columns of the chats, so they survive a restart; each due chat is
 * handled in its own transaction that re-reads it and changes it under its version, so when two nodes tick at once
 * one of them wins and the other's change rolls back: each timeout fires once.
 */
@Stateless
@PermitAll
public class ChatTimeouts {

    private static final Logger LOG = Logger.getLogger(ChatTimeouts.class.getName());
    private static final int DUE_MAX = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChatWorks works;

    @Inject
    private ChatLifecycle lifecycle;

    @Inject
    private ChatRouting routing;

    @Inject
    private OutboundChats outbound;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    /** Handles everything due now; returns how many chats and messages were changed. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int processDue() {
        return processDue(OffsetDateTime.now(clock));
    }

    /**
     * Handles everything due at {@code now}, each chat in its own transaction that acts at that time: the timer passes
     * the clock's time; tests pass a moved one instead of waiting for deadlines.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int processDue(OffsetDateTime now) {
        ChatTimeouts self = context.getBusinessObject(ChatTimeouts.class);
        int changed = 0;
        for (Long id : self.due(Chat.DUE_ACCEPT, ChatStatus.ASSIGNED, now)) {
            changed += attempt(() -> self.acceptTimedOut(id, now), "accept timeout of chat " + id);
        }
        for (Long id : self.due(Chat.DUE_COMPLETION, ChatStatus.ACTIVE, now)) {
            changed += attempt(() -> self.completionTimedOut(id, now), "completion timeout of chat " + id);
        }
        changed += attempt(() -> self.distributeWaiting(now), "distribution of waiting chats");
        for (Long id : self.dueOutbound(now)) {
            changed += attempt(() -> self.dispatch(id, now), "dispatch of chat message " + id);
        }
        return changed;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> due(String query, ChatStatus status, OffsetDateTime now) {
        return em.createNamedQuery(query, Long.class).setParameter("status", status).setParameter("now", now)
                .setMaxResults(DUE_MAX).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> dueOutbound(OffsetDateTime now) {
        return em.createNamedQuery(ChatMessage.DUE_OUTBOUND, Long.class)
                .setParameter("status", DeliveryStatus.PENDING).setParameter("now", now)
                .setMaxResults(DUE_MAX).getResultList();
    }

    /** CH-04: re-assigns the chat if it is still assigned and its deadline has passed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int acceptTimedOut(long chatId, OffsetDateTime now) {
        Chat chat = em.find(Chat.class, chatId);
        ChatWork work = works.at(Callers.SYSTEM, now);
        if (chat == null || chat.getStatus() != ChatStatus.ASSIGNED || chat.getAcceptDeadline() == null
                || chat.getAcceptDeadline().isAfter(work.now())) {
            return 0;
        }
        lifecycle.acceptTimedOut(work, chat);
        em.flush();
        return 1;
    }

    /** CH-05: completes the chat if no outgoing message was sent for the queue's completion timeout. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int completionTimedOut(long chatId, OffsetDateTime now) {
        Chat chat = em.find(Chat.class, chatId);
        ChatWork work = works.at(Callers.SYSTEM, now);
        if (chat == null || chat.getStatus() != ChatStatus.ACTIVE || chat.getCompletionDueAt() == null
                || chat.getCompletionDueAt().isAfter(work.now())) {
            return 0;
        }
        lifecycle.complete(work, chat, ChatCompletion.TIMEOUT);
        em.flush();
        routing.distributeWaiting(work, DUE_MAX);
        return 1;
    }

    /** CH-08: waiting chats go to operators who have a free place now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int distributeWaiting(OffsetDateTime now) {
        return routing.distributeWaiting(works.at(Callers.SYSTEM, now), DUE_MAX);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int dispatch(long messageId, OffsetDateTime now) {
        ChatMessage message = em.find(ChatMessage.class, messageId);
        if (message == null) {
            return 0;
        }
        return outbound.dispatch(works.at(Callers.SYSTEM, now), message) ? 1 : 0;
    }

    private static int attempt(java.util.function.IntSupplier work, String what) {
        try {
            return work.getAsInt();
        } catch (RuntimeException e) {
            // Another node or an operator changed it first; the next tick sees the new state.
            LOG.log(Level.FINE, () -> what + " skipped: " + e);
            return 0;
        }
    }
}
