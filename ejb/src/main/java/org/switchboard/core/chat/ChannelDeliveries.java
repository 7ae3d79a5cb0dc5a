package org.switchboard.core.chat;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelDelivery;
import org.switchboard.core.common.Callers;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.DeliveryStatus;

/**
 * The transactional steps of sending a reply through a channel that sends after the commit (Telegram, WhatsApp: TG-*,
 * WA-*), each in its own transaction so that no transaction is open while the provider is called. A claim moves the
 * message's next attempt a lease ahead under its version, so one node sends it; if that node dies, the lease runs out
 * and the reply is sent by the next tick, from the first part the provider had not taken. A send survives a restart
 * because all of this lives in the message's row.
 */
@Stateless
@PermitAll
public class ChannelDeliveries {

    /** How long a claimed send may take before another tick may claim it again. */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** Transient failures (5xx, I/O) before a reply is marked failed. */
    static final int FAILURES_MAX = 10;
    /** A reply still pending this long after the operator wrote it is marked failed, however it was kept waiting. */
    static final Duration GIVE_UP = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(ChannelDeliveries.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChatWorks works;

    @Inject
    private OutboundChats outbound;


    /** Claims a pending reply that is due; null when it is not (sent, failed, claimed elsewhere, not yet due). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ChannelDelivery claim(long messageId) {
        ChatMessage message = em.find(ChatMessage.class, messageId);
        ChatWork work = works.of(Callers.SYSTEM);
        if (message == null || message.getDeliveryStatus() != DeliveryStatus.PENDING
                || message.getNextAttemptAt() == null || message.getNextAttemptAt().isAfter(work.now())) {
            return null;
        }
        Channel channel = message.getChat().getChannel();
        if (message.getStoredAt().plus(GIVE_UP).isBefore(work.now())) {
            outbound.changeStatus(work, message, DeliveryStatus.FAILED, "Not sent within " + GIVE_UP.toHours()
                    + " hours: " + (message.getDeliveryError() == null ? "no answer" : message.getDeliveryError()));
            message.setNextAttemptAt(null);
            return null;
        }
        if (channel.isFlagged()) {
            outbound.changeStatus(work, message, DeliveryStatus.FAILED, "Channel " + channel.getName()
                    + " is flagged, so nothing is sent through it until an administrator signs in again: "
                    + channel.getFlagReason());
            message.setNextAttemptAt(null);
            return null;
        }
        String recipient = outbound.recipient(message.getChat());
        if (recipient == null) {
            outbound.changeStatus(work, message, DeliveryStatus.FAILED, "The contact has no address on channel "
                    + channel.getName());
            message.setNextAttemptAt(null);
            return null;
        }
        message.setSendAttempts(message.getSendAttempts() + 1);
        message.setNextAttemptAt(work.now().plus(LEASE));
        em.flush();
        return outbound.delivery(message, recipient);
    }

    /** The provider took part {@code partsSent - 1}; the first part's id becomes the message's provider id. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void progress(long messageId, int partsSent, String providerMessageId) {
        ChatMessage message = em.find(ChatMessage.class, messageId);
        message.setPartsSent(partsSent);
        if (message.getProviderMessageId() == null && providerMessageId != null) {
            message.setProviderMessageId(providerMessageId);
        }
    }

    /** Every part was taken: the reply is sent, unless a status callback already told more (delivered, read…). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(long messageId) {
        ChatMessage message = em.find(ChatMessage.class, messageId);
        message.setNextAttemptAt(null);
        if (message.getDeliveryStatus() == DeliveryStatus.PENDING) {
            outbound.changeStatus(works.of(Callers.SYSTEM), message, DeliveryStatus.SENT, null);
        }
        LOG.fine(() -> "Chat message " + messageId + " sent");
    }

    /**
     * Not sent now; tried again after {@code wait}. A transient failure counts towards {@link #FAILURES_MAX}, after
     * which the reply is marked failed; a wait the provider or the rate limit asked for does not count. The reason is
     * shown to the operator meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void later(long messageId, Duration wait, String reason, boolean failure) {
        ChatMessage message = em.find(ChatMessage.class, messageId);
        if (message.getDeliveryStatus() != DeliveryStatus.PENDING) {
            return;
        }
        ChatWork work = works.of(Callers.SYSTEM);
        if (failure) {
            message.setSendFailures(message.getSendFailures() + 1);
            if (message.getSendFailures() >= FAILURES_MAX) {
                message.setNextAttemptAt(null);
                outbound.changeStatus(work, message, DeliveryStatus.FAILED, "Gave up after "
                        + message.getSendFailures() + " attempts: " + reason);
                return;
            }
        }
        message.setNextAttemptAt(work.now().plus(wait));
        if (reason != null && !reason.equals(message.getDeliveryError())) {
            outbound.changeStatus(work, message, DeliveryStatus.PENDING, reason);
        }
    }

    /** Refused for good: the provider's reason is shown to the operator. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long messageId, String reason) {
        ChatMessage message = em.find(ChatMessage.class, messageId);
        if (message.getDeliveryStatus() != DeliveryStatus.PENDING) {
            return;
        }
        message.setNextAttemptAt(null);
        outbound.changeStatus(works.of(Callers.SYSTEM), message, DeliveryStatus.FAILED, reason);
    }
}
