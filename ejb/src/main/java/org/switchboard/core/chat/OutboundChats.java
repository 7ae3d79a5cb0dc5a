package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ChannelDelivery;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.DeliveryReceipt;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.TransactionEnd;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatAttachment;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.MessageDirection;
import org.switchboard.model.chat.DeliveryStatus;
import org.switchboard.model.crm.ContactIdentity;

/**
 * Hands operators' replies to their channel's adapter and applies what the channel reports back (CH-12, X-03). An
 * adapter that hands over in the transaction (the Custom channels' JMS topic) does so in the transaction that marks
 * the message sent, so the hand-over happens exactly once; one that sends over a provider's API gets the message from
 * {@link ChannelSender} once this transaction has committed. Receipts come back as {@code DeliveryReceipt}s. Runs in
 * the caller's transaction.
 */
@ApplicationScoped
public class OutboundChats {

    private static final Logger LOG = Logger.getLogger(OutboundChats.class.getName());
    /** A status never goes back: a late "delivered" does not undo "read". */
    private static final Map<DeliveryStatus, Integer> RANK = Map.of(DeliveryStatus.PENDING, 0,
            DeliveryStatus.SENT, 1, DeliveryStatus.DELIVERED, 2, DeliveryStatus.READ, 3, DeliveryStatus.FAILED, 4,
            DeliveryStatus.RECEIVED, 0);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox outbox;


    @Inject
    private ChannelSender sender;

    @Inject
    private ChannelAdapters adapters;

    @Inject
    private ChannelSecrets secrets;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * Hands a pending outbound message to its channel's adapter: in this transaction when the adapter hands over in
     * it, otherwise to {@link ChannelSender} once this transaction has committed (it sends over HTTP, outside any
     * transaction). Returns whether the message left Switchboard now.
     */
    public boolean dispatch(ChatWork work, ChatMessage message) {
        if (message.getDeliveryStatus() != DeliveryStatus.PENDING) {
            return false;
        }
        Chat chat = message.getChat();
        ChannelAdapter adapter = adapters.of(chat.getChannel().getProvider());
        if (adapter.dispatch() == ChannelAdapter.Dispatch.AFTER_COMMIT) {
            long id = message.getId();
            TransactionEnd.afterCommit(transactions, () -> sender.submit(id));
            return false;
        }
        message.setSendAttempts(message.getSendAttempts() + 1);
        ChannelDelivery delivery = delivery(message, recipient(chat));
        for (ChannelAdapter.Part part : adapter.parts(delivery)) {
            SendOutcome outcome = adapter.send(delivery, part);
            if (outcome instanceof SendOutcome.Failed failed) {
                fail(work, message, failed.reason());
                return false;
            }
            if (outcome instanceof SendOutcome.Retry retry) {
                fail(work, message, retry.reason());
                return false;
            }
        }
        message.setNextAttemptAt(null);
        changeStatus(work, message, DeliveryStatus.SENT, null);
        LOG.fine(() -> "Chat message " + message.getId() + " handed to channel " + chat.getChannel().getId());
        return true;
    }

    /**
     * The message as its channel's adapter sends it: recipient, operator, text, files, how far earlier attempts got
     * and the channel's settings with its secrets decrypted.
     */
    ChannelDelivery delivery(ChatMessage message, String recipient) {
        Chat chat = message.getChat();
        List<ChannelDelivery.OutboundFile> files = message.getAttachmentCount() == 0 ? List.of()
                : em.createNamedQuery(ChatAttachment.OF_MESSAGE, ChatAttachment.class)
                        .setParameter("messageId", message.getId()).getResultStream()
                        .map(a -> new ChannelDelivery.OutboundFile(a.getId(), a.getFileName(), a.getContentType(),
                                a.getContent(), a.getSourceUrl()))
                        .toList();
        return new ChannelDelivery(message.getId(), chat.getId(), chat.getChannel().getId(),
                chat.getChannel().getProvider(), recipient,
                message.getAuthor() == null ? null : message.getAuthor().getLogin(), message.getBody(), files,
                message.getStoredAt(), message.getPartsSent(), message.getSendFailures(),
                secrets.all(chat.getChannel()), adapters.of(chat.getChannel().getProvider()).answersWithinWindow()
                        ? customerWroteAt(chat.getId()) : null);
    }

    /** When the chat's last message from the customer arrived; null when it has none. */
    private OffsetDateTime customerWroteAt(long chatId) {
        return em.createNamedQuery(ChatMessage.LAST_STORED_OF_CHATS, Object[].class)
                .setParameter("chatIds", List.of(chatId)).setParameter("direction", MessageDirection.INBOUND)
                .getResultStream().map(row -> (OffsetDateTime) row[1]).findFirst().orElse(null);
    }

    /**
     * Applies a delivery receipt; a receipt for an unknown message or another channel is dead-lettered. One
     * naming the message by the provider's id applies to the channel's message with that id, and to nothing when
     * there is none (the messenger reports messages that others sent too); a watermark applies to every message to
     * the customer stored up to it that has not got that far.
     */
    public void applyReceipt(ChatWork work, DeliveryReceipt receipt) {
        if (receipt.watermark()) {
            ContactIdentity identity = em.createNamedQuery(ContactIdentity.BY_EXTERNAL_ID, ContactIdentity.class)
                    .setParameter("channelId", receipt.channelId()).setParameter("externalId", receipt.recipient())
                    .getResultStream().findFirst().orElse(null);
            if (identity == null) {
                return;
            }
            List<DeliveryStatus> before = List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED).stream()
                    .filter(status -> RANK.get(status) < RANK.get(receipt.status())).toList();
            if (before.isEmpty()) {
                return;
            }
            for (ChatMessage message : em.createNamedQuery(ChatMessage.TO_CONTACT_UP_TO, ChatMessage.class)
                    .setParameter("channelId", receipt.channelId()).setParameter("contactId",
                            identity.getContact().getId()).setParameter("direction", MessageDirection.OUTBOUND)
                    .setParameter("statuses", before).setParameter("upTo", receipt.upTo()).getResultList()) {
                changeStatus(work, message, receipt.status(), null);
            }
            return;
        }
        if (!receipt.byMessageId()) {
            ChatMessage message = em.createNamedQuery(ChatMessage.BY_PROVIDER_ID, ChatMessage.class)
                    .setParameter("channelId", receipt.channelId())
                    .setParameter("providerMessageId", receipt.providerMessageId()).getResultStream()
                    .filter(m -> m.getDirection() == MessageDirection.OUTBOUND).findFirst().orElse(null);
            if (message != null) {
                applyReceipt(work, new DeliveryReceipt(receipt.channelId(), message.getId(), null, receipt.status(),
                        receipt.error()));
            }
            return;
        }
        ChatMessage message = em.find(ChatMessage.class, receipt.messageId());
        if (message == null || !message.getChannel().getId().equals(receipt.channelId())) {
            throw new InboundRejectedException("MESSAGE_UNKNOWN", "Channel " + receipt.channelId()
                    + " has no outbound message " + receipt.messageId());
        }
        if (receipt.providerMessageId() != null && message.getProviderMessageId() == null) {
            message.setProviderMessageId(receipt.providerMessageId());
        }
        if (RANK.get(receipt.status()) <= RANK.get(message.getDeliveryStatus())
                && receipt.status() != DeliveryStatus.FAILED) {
            return;
        }
        changeStatus(work, message, receipt.status(), receipt.error());
    }

    private void fail(ChatWork work, ChatMessage message, String reason) {
        message.setNextAttemptAt(null);
        changeStatus(work, message, DeliveryStatus.FAILED, reason);
    }

    /**
     * Sets a message's delivery status (or, with the status unchanged, its latest error, e.g. the reason a send is
     * retried) and tells the chat's audience.
     */
    public void changeStatus(ChatWork work, ChatMessage message, DeliveryStatus status, String error) {
        message.setDeliveryStatus(status);
        message.setDeliveryError(error == null || error.length() <= ChatMessage.ERROR_MAX ? error
                : error.substring(0, ChatMessage.ERROR_MAX));
        message.setDeliveryUpdatedAt(work.now());
        Chat chat = message.getChat();
        JsonObjectBuilder extra = Jsons.object().add("messageId", message.getId())
                .add("deliveryStatus", status.name());
        ChatEvent.nullable(extra, "error", error);
        outbox.record(ChatEvent.of(ChatEvent.MESSAGE_STATUS_CHANGED, chat, work.audience(chat), extra),
                work.actor());
    }

    /** The contact's id on the chat's channel: where its replies go (a Telegram chat id, a WhatsApp number). */
    public String recipient(Chat chat) {
        return em.createNamedQuery(ContactIdentity.OF_CONTACT, ContactIdentity.class)
                .setParameter("contactId", chat.getContact().getId()).getResultStream()
                .filter(i -> i.getChannel().getId().equals(chat.getChannel().getId()))
                .map(ContactIdentity::getExternalId).findFirst().orElse(null);
    }
}
