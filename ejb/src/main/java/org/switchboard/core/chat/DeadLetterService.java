package org.switchboard.core.chat;

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
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.common.Operations;
import org.switchboard.model.events.DeadLetter;
import org.switchboard.model.events.DeadLetterStatus;

/**
 * The inbound dead letters for administrators: list them with reason and payload, replay one or all of a kind
 * once the cause is fixed (each in its own transaction; one that fails again keeps its place with the new reason), or
 * discard one that should never be processed. Chat managers own the chat integrations, so they hold this too.
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

    /** Processes one dead letter again; returns it as it is afterwards (REPLAYED, or NEW with the new reason). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DeadLetterView replay(long id) {
        DeadLetterService self = context.getBusinessObject(DeadLetterService.class);
        DeadLetterView letter = self.get(id);
        if (letter.status() != DeadLetterStatus.NEW) {
            throw new RuleViolationException("error.deadLetter.resolved", null, id);
        }
        replayOne(letter);
        DeadLetterView after = self.get(id);
        String actor = Callers.login(context);
        LOG.info(() -> "Dead letter " + id + " replayed by " + actor + ": " + after.status());
        return after;
    }

    /** Replays every waiting dead letter of a kind, oldest first. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ReplayResult replayAll(String kind) {
        DeadLetterService self = context.getBusinessObject(DeadLetterService.class);
        List<Long> ids = self.waitingIds(kind);
        int replayed = 0;
        for (Long id : ids) {
            replayOne(self.get(id));
            if (self.get(id).status() == DeadLetterStatus.REPLAYED) {
                replayed++;
            }
        }
        int replayedCount = replayed;
        LOG.info(() -> ids.size() + " dead letters of kind " + kind + " replayed by " + Callers.login(context)
                + ": " + replayedCount + " processed");
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

    private void replayOne(DeadLetterView letter) {
        InboundItem item = InboundItem.replay(letter.kind(), letter.payload(), letter.id());
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

    static DeadLetterView view(DeadLetter d) {
        return new DeadLetterView(d.getId(), d.getKind(), d.getSource(), d.getStatus(), d.getReasonCode(),
                d.getReason(), d.getPayload(), d.getReceivedAt(), d.getAttempts(), d.getLastAttemptAt(),
                d.getResolvedAt(), d.getResolvedBy());
    }
}
