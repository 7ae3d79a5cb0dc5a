package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelSender;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.events.JmsNames;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatAttachment;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.DeliveryStatus;
import org.switchboard.model.crm.ContactIdentity;

/**
 * Hands operators' replies to their channel and applies what the channel reports back (CH-12, X-03). A channel of the
 * Custom (JMS) provider gets each reply as an {@code OutboundMessage} on the outbound topic, sent in the transaction
 * that marks the message sent, so the hand-over happens exactly once; the integration answers with
 * {@code DeliveryReceipt}s on the inbound queue. Runs in the caller's transaction.
 */
@ApplicationScoped
public class OutboundChats {

    public static final String OUTBOUND_TYPE = "OutboundMessage";
    private static final Logger LOG = Logger.getLogger(OutboundChats.class.getName());
    /** A status never goes back: a late "delivered" does not undo "read". */
    private static final Map<DeliveryStatus, Integer> RANK = Map.of(DeliveryStatus.PENDING, 0,
            DeliveryStatus.SENT, 1, DeliveryStatus.DELIVERED, 2, DeliveryStatus.READ, 3, DeliveryStatus.FAILED, 4,
            DeliveryStatus.RECEIVED, 0);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private JMSContext jms;

    @Resource(lookup = JmsNames.OUTBOUND_TOPIC)
    private Topic outboundTopic;

    @Inject
    private EventOutbox outbox;

    @Inject
    private ChatEngine engine;

    @Inject
    private ChannelSender sender;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * Hands a pending outbound message to its channel: a Custom channel's message goes to the outbound topic in this
     * transaction; a Telegram or WhatsApp message goes to {@link ChannelSender} once this transaction has committed
     * (it sends over HTTP, outside any transaction). Returns whether the message left Switchboard now.
     */
    public boolean dispatch(ChatEngine.Work work, ChatMessage message) {
        if (message.getDeliveryStatus() != DeliveryStatus.PENDING) {
            return false;
        }
        Chat chat = message.getChat();
        ChannelProvider provider = chat.getChannel().getProvider();
        if (provider == ChannelProvider.TELEGRAM || provider == ChannelProvider.WHATSAPP) {
            long id = message.getId();
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // sent after the commit
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        sender.submit(id);
                    }
                }
            });
            return false;
        }
        message.setSendAttempts(message.getSendAttempts() + 1);
        if (provider != ChannelProvider.CUSTOM) {
            fail(work, message, "The " + provider + " integration is not installed");
            return false;
        }
        jms.createProducer()
                .setJMSType(OUTBOUND_TYPE)
                .setProperty(JmsNames.VERSION_PROPERTY, 1)
                .setProperty("channelId", chat.getChannel().getId())
                .send(outboundTopic, outboundBody(message));
        message.setNextAttemptAt(null);
        changeStatus(work, message, DeliveryStatus.SENT, null);
        LOG.fine(() -> "Chat message " + message.getId() + " handed to channel " + chat.getChannel().getId());
        return true;
    }

    /** Applies a delivery receipt; a receipt for an unknown message or another channel is dead-lettered. */
    public void applyReceipt(ChatEngine.Work work, DeliveryReceipt receipt) {
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

    private void fail(ChatEngine.Work work, ChatMessage message, String reason) {
        message.setNextAttemptAt(null);
        changeStatus(work, message, DeliveryStatus.FAILED, reason);
    }

    /**
     * Sets a message's delivery status (or, with the status unchanged, its latest error, e.g. the reason a send is
     * retried) and tells the chat's audience.
     */
    public void changeStatus(ChatEngine.Work work, ChatMessage message, DeliveryStatus status, String error) {
        message.setDeliveryStatus(status);
        message.setDeliveryError(error == null || error.length() <= ChatMessage.ERROR_MAX ? error
                : error.substring(0, ChatMessage.ERROR_MAX));
        message.setDeliveryUpdatedAt(work.now());
        Chat chat = message.getChat();
        JsonObjectBuilder extra = Jsons.object().add("messageId", message.getId())
                .add("deliveryStatus", status.name());
        ChatEvent.nullable(extra, "error", error);
        outbox.record(ChatEvent.of(ChatEvent.MESSAGE_STATUS_CHANGED, chat, engine.audience(work, chat), extra),
                work.actor());
    }

    /** The contact's id on the chat's channel: where its replies go (a Telegram chat id, a WhatsApp number). */
    public String recipient(Chat chat) {
        return em.createNamedQuery(ContactIdentity.OF_CONTACT, ContactIdentity.class)
                .setParameter("contactId", chat.getContact().getId()).getResultStream()
                .filter(i -> i.getChannel().getId().equals(chat.getChannel().getId()))
                .map(ContactIdentity::getExternalId).findFirst().orElse(null);
    }

    /** The documented {@code OutboundMessage} body ({@code docs/jms.md}). */
    String outboundBody(ChatMessage message) {
        Chat chat = message.getChat();
        String recipient = recipient(chat);
        JsonArrayBuilder files = Jsons.array();
        if (message.getAttachmentCount() > 0) {
            for (ChatAttachment file : em.createNamedQuery(ChatAttachment.OF_MESSAGE, ChatAttachment.class)
                    .setParameter("messageId", message.getId()).getResultList()) {
                JsonObjectBuilder item = Jsons.object().add("fileName", file.getFileName())
                        .add("contentType", file.getContentType());
                if (file.getContent() != null) {
                    item.add("content", Base64.getEncoder().encodeToString(file.getContent()));
                } else {
                    item.add("url", file.getSourceUrl());
                }
                files.add(item);
            }
        }
        JsonObjectBuilder body = Jsons.object()
                .add("messageId", message.getId())
                .add("chatId", chat.getId())
                .add("channelId", chat.getChannel().getId());
        ChatEvent.nullable(body, "recipientId", recipient);
        ChatEvent.nullable(body, "operatorLogin", message.getAuthor() == null ? null : message.getAuthor().getLogin());
        ChatEvent.nullable(body, "text", message.getBody());
        return body.add("attachments", files)
                .add("createdAt", message.getStoredAt().withOffsetSameInstant(ZoneOffset.UTC).toString())
                .build().toString();
    }
}
