package org.switchboard.core.inbound;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.logging.Logger;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.inbound.DeadLetter;
import org.switchboard.model.inbound.DeadLetterStatus;

/**
 * The inbound dead letters for administrators: list them with reason, payload and submitter, replay one or all
 * of a kind once the cause is fixed (each in its own transaction, as its original submitter; one that fails again
 * keeps its place with the new reason), or discard one that should never be processed. Chat managers own the chat
 * integrations, so they hold this too; a replay also needs the rights the item's type asks of whoever submits it
 * (a chat message: {@code CanManageChats}; a {@code SendEmailCommand}: to send from its mailbox as its user).
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
public class DeadLetterService {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class.getName());
    public static final int PAGE_MAX = 500;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private InboundProcessor processor;

    @Inject
    private InboundHandlers handlers;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    /** Dead letters of a status (default: those still waiting), newest first. */
    public List<DeadLetterView> list(DeadLetterStatus status, int first, int max) {
        return em.createNamedQuery(DeadLetter.BY_STATUS, DeadLetter.class)
                .setParameter("status", status == null ? DeadLetterStatus.NEW : status)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, PAGE_MAX)))
                .getResultList().stream().map(DeadLetterService::view).toList();
    }

    public long count(DeadLetterStatus status) {
        return em.createNamedQuery(DeadLetter.COUNT_BY_STATUS, Long.class)
                .setParameter("status", status == null ? DeadLetterStatus.NEW : status).getSingleResult();
    }

    public DeadLetterView get(long id) {
        return view(find(id));
    }

    /**
     * Processes one dead letter again; returns it as it is afterwards (REPLAYED, or NEW with the new reason).
     *
     * @throws AccessDeniedException when the caller could not have submitted it themselves
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DeadLetterView replay(long id) {
        DeadLetterService self = context.getBusinessObject(DeadLetterService.class);
        DeadLetterView letter = self.get(id);
        if (letter.status() != DeadLetterStatus.NEW) {
            throw new RuleViolationException("error.deadLetter.resolved", null, id);
        }
        String refusal = refusal(letter, Callers.login(context));
        if (refusal != null) {
            throw new AccessDeniedException("error.inbound.refused", null, refusal);
        }
        replayOne(letter);
        DeadLetterView after = self.get(id);
        String actor = Callers.login(context);
        LOG.info(() -> "Dead letter " + id + " replayed by " + actor + ": " + after.status());
        return after;
    }

    /**
     * Replays every waiting dead letter of a kind, oldest first; those the caller could not have submitted
     * themselves are left waiting and counted as not replayed.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ReplayResult replayAll(String kind) {
        DeadLetterService self = context.getBusinessObject(DeadLetterService.class);
        String caller = Callers.login(context);
        List<Long> ids = self.waitingIds(kind);
        int replayed = 0;
        for (Long id : ids) {
            DeadLetterView letter = self.get(id);
            if (refusal(letter, caller) != null) {
                continue;
            }
            replayOne(letter);
            if (self.get(id).status() == DeadLetterStatus.REPLAYED) {
                replayed++;
            }
        }
        int replayedCount = replayed;
        LOG.info(() -> ids.size() + " dead letters of kind " + kind + " replayed by " + caller + ": "
                + replayedCount + " processed");
        return new ReplayResult(replayed, ids.size() - replayed);
    }

    public List<Long> waitingIds(String kind) {
        return em.createNamedQuery(DeadLetter.IDS_BY_STATUS_AND_KIND, Long.class)
                .setParameter("status", DeadLetterStatus.NEW).setParameter("kind", kind).getResultList();
    }

    /** Marks a dead letter as never to be processed. */
    public DeadLetterView discard(long id) {
        DeadLetter letter = find(id);
        if (letter.getStatus() != DeadLetterStatus.NEW) {
            throw new RuleViolationException("error.deadLetter.resolved", null, id);
        }
        letter.resolve(DeadLetterStatus.DISCARDED, OffsetDateTime.now(clock), Callers.login(context));
        LOG.info(() -> "Dead letter " + id + " discarded by " + Callers.login(context));
        return view(letter);
    }

    /**
     * Why the caller may not replay the letter (they could not have submitted it as a REST caller), or null. A
     * letter whose type or body cannot be read has nothing to authorize: replaying it only fails again.
     */
    @SuppressWarnings("unchecked")
    private <T> String refusal(DeadLetterView letter, String caller) {
        InboundHandler<T> handler = (InboundHandler<T>) handlers.find(letter.kind()).orElse(null);
        if (handler == null || !handler.versions().contains(letter.version())) {
            return null;
        }
        T message;
        try {
            message = handler.parse(letter.version(), letter.payload());
        } catch (InboundRejectedException e) {
            return null;
        }
        try {
            handler.authorize(message, Submitter.rest(caller));
            return null;
        } catch (InboundRejectedException e) {
            LOG.info(() -> "Dead letter " + letter.id() + " not replayed by " + caller + ": " + e.getMessage());
            return e.getMessage();
        }
    }

    private void replayOne(DeadLetterView letter) {
        InboundItem item = InboundItem.replay(letter.kind(), letter.version(), letter.payload(),
                submitter(letter), letter.id());
        try {
            processor.processBatch(List.of(item));
        } catch (RuntimeException e) {
            processor.failed(item, InboundBatcher.describe(e));
        }
    }

    private DeadLetter find(long id) {
        DeadLetter letter = em.find(DeadLetter.class, id);
        if (letter == null) {
            throw new RecordNotFoundException("DeadLetter", id);
        }
        return letter;
    }

    /** The letter's original submitter; letters from before submitters were kept came from the JMS queue. */
    private static Submitter submitter(DeadLetterView letter) {
        Submitter.Via via;
        try {
            via = Submitter.Via.valueOf(letter.source());
        } catch (IllegalArgumentException e) {
            via = Submitter.Via.JMS;
        }
        return new Submitter(via, letter.submittedBy());
    }

    static DeadLetterView view(DeadLetter d) {
        return new DeadLetterView(d.getId(), d.getKind(), d.getFormatVersion(), d.getSource(), d.getSubmittedBy(),
                d.getStatus(), d.getReasonCode(), d.getReason(), d.getPayload(), d.getReceivedAt(), d.getAttempts(),
                d.getLastAttemptAt(), d.getResolvedAt(), d.getResolvedBy());
    }
}
