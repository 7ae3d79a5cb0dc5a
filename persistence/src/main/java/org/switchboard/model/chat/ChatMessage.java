package org.switchboard.model.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.security.User;

/**
 * One message of a chat (CH-12): inbound from the contact, or outbound from an operator, stored as pending before
 * it is handed to the channel and updated with what the channel reports. The provider's message id is unique per
 * channel, which makes a repeated inbound message a no-op.
 */
@Entity
@Table(name = "chat_message")
@NamedQuery(name = ChatMessage.OF_CHAT,
        query = "SELECT m FROM ChatMessage m LEFT JOIN FETCH m.author WHERE m.chat.id = :chatId ORDER BY m.id")
@NamedQuery(name = ChatMessage.BY_PROVIDER_ID, query = "SELECT m FROM ChatMessage m "
        + "WHERE m.channel.id = :channelId AND m.providerMessageId = :providerMessageId")
@NamedQuery(name = ChatMessage.COUNT_AND_LAST_OF_CHATS, query = "SELECT m.chat.id, COUNT(m), MAX(m.id) "
        + "FROM ChatMessage m WHERE m.chat.id IN :chatIds GROUP BY m.chat.id")
@NamedQuery(name = ChatMessage.LAST_STORED_OF_CHATS, query = "SELECT m.chat.id, MAX(m.storedAt) FROM ChatMessage m "
        + "WHERE m.chat.id IN :chatIds AND m.direction = :direction GROUP BY m.chat.id")
@NamedQuery(name = ChatMessage.PREVIEWS, query = "SELECT m.id, m.body, m.attachmentCount FROM ChatMessage m "
        + "WHERE m.id IN :ids")
@NamedQuery(name = ChatMessage.TO_CONTACT_UP_TO, query = "SELECT m FROM ChatMessage m WHERE m.channel.id = :channelId "
        + "AND m.chat.contact.id = :contactId AND m.direction = :direction AND m.deliveryStatus IN :statuses "
        + "AND m.storedAt <= :upTo")
@NamedQuery(name = ChatMessage.DUE_OUTBOUND, query = "SELECT m.id FROM ChatMessage m WHERE m.deliveryStatus = :status "
        + "AND m.nextAttemptAt <= :now ORDER BY m.nextAttemptAt, m.id")
public class ChatMessage {

    public static final String OF_CHAT = "ChatMessage.ofChat";
    public static final String BY_PROVIDER_ID = "ChatMessage.byProviderId";
    /** Per chat of the given ids: how many messages it has and the id of its last one. */
    public static final String COUNT_AND_LAST_OF_CHATS = "ChatMessage.countAndLastOfChats";
    /** Per chat of the given ids: when its last message of a direction was stored. */
    public static final String LAST_STORED_OF_CHATS = "ChatMessage.lastStoredOfChats";
    /** Id, body and number of files of the given messages. */
    public static final String PREVIEWS = "ChatMessage.previews";
    public static final String DUE_OUTBOUND = "ChatMessage.dueOutbound";
    /** A channel's messages of a direction to one contact, in some statuses, stored up to a moment (a watermark). */
    public static final String TO_CONTACT_UP_TO = "ChatMessage.toContactUpTo";

    public static final int BODY_MAX = 10000;
    public static final int PROVIDER_ID_MAX = 200;
    public static final int ERROR_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_message_seq")
    @SequenceGenerator(name = "chat_message_seq", sequenceName = "chat_message_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "chat_id", nullable = false, updatable = false)
    private Chat chat;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id", nullable = false, updatable = false)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", length = 10, nullable = false, updatable = false)
    private MessageDirection direction;

    @Column(name = "provider_message_id", length = PROVIDER_ID_MAX)
    private String providerMessageId;

    @Column(name = "body", length = BODY_MAX)
    private String body;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_id", updatable = false)
    private User author;

    @Column(name = "sent_at")
    private OffsetDateTime sentAt;

    @Column(name = "stored_at", nullable = false, updatable = false)
    private OffsetDateTime storedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status", length = 20, nullable = false)
    private DeliveryStatus deliveryStatus;

    @Column(name = "delivery_error", length = ERROR_MAX)
    private String deliveryError;

    @Column(name = "delivery_updated_at")
    private OffsetDateTime deliveryUpdatedAt;

    @Column(name = "send_attempts", nullable = false)
    private int sendAttempts;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    @Column(name = "attachment_count", nullable = false)
    private int attachmentCount;

    /** Of a reply that goes out as several provider messages, how many the provider took (TG-*, WA-*). */
    @Column(name = "parts_sent", nullable = false)
    private int partsSent;

    /** Transient send failures so far (5xx, I/O); a provider's request to wait (429) is not one. */
    @Column(name = "send_failures", nullable = false)
    private int sendFailures;

    protected ChatMessage() {
    }

    /** An inbound message as the provider delivered it. */
    public static ChatMessage inbound(Chat chat, String providerMessageId, String body, OffsetDateTime sentAt,
            OffsetDateTime storedAt) {
        ChatMessage message = new ChatMessage(chat, MessageDirection.INBOUND, body, storedAt);
        message.providerMessageId = providerMessageId;
        message.sentAt = sentAt;
        message.deliveryStatus = DeliveryStatus.RECEIVED;
        return message;
    }

    /** An operator's reply, pending until the channel takes it. */
    public static ChatMessage outbound(Chat chat, User author, String body, OffsetDateTime storedAt) {
        ChatMessage message = new ChatMessage(chat, MessageDirection.OUTBOUND, body, storedAt);
        message.author = author;
        message.deliveryStatus = DeliveryStatus.PENDING;
        message.nextAttemptAt = storedAt;
        return message;
    }

    private ChatMessage(Chat chat, MessageDirection direction, String body, OffsetDateTime storedAt) {
        this.chat = chat;
        this.channel = chat.getChannel();
        this.direction = direction;
        this.body = body;
        this.storedAt = storedAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public Chat getChat() {
        return chat;
    }

    public Channel getChannel() {
        return channel;
    }

    public MessageDirection getDirection() {
        return direction;
    }

    public String getProviderMessageId() {
        return providerMessageId;
    }

    public void setProviderMessageId(String providerMessageId) {
        this.providerMessageId = providerMessageId;
    }

    public String getBody() {
        return body;
    }

    public User getAuthor() {
        return author;
    }

    public OffsetDateTime getSentAt() {
        return sentAt;
    }

    public void setSentAt(OffsetDateTime sentAt) {
        this.sentAt = sentAt;
    }

    public OffsetDateTime getStoredAt() {
        return storedAt;
    }

    public DeliveryStatus getDeliveryStatus() {
        return deliveryStatus;
    }

    public void setDeliveryStatus(DeliveryStatus deliveryStatus) {
        this.deliveryStatus = deliveryStatus;
    }

    public String getDeliveryError() {
        return deliveryError;
    }

    public void setDeliveryError(String deliveryError) {
        this.deliveryError = deliveryError;
    }

    public OffsetDateTime getDeliveryUpdatedAt() {
        return deliveryUpdatedAt;
    }

    public void setDeliveryUpdatedAt(OffsetDateTime deliveryUpdatedAt) {
        this.deliveryUpdatedAt = deliveryUpdatedAt;
    }

    public int getSendAttempts() {
        return sendAttempts;
    }

    public void setSendAttempts(int sendAttempts) {
        this.sendAttempts = sendAttempts;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public void setNextAttemptAt(OffsetDateTime nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    public int getAttachmentCount() {
        return attachmentCount;
    }

    public void setAttachmentCount(int attachmentCount) {
        this.attachmentCount = attachmentCount;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatMessage message && id != null && id.equals(message.getId());
    }

    @Override
    public int hashCode() {
        return ChatMessage.class.hashCode();
    }

    public int getPartsSent() {
        return partsSent;
    }

    public void setPartsSent(int partsSent) {
        this.partsSent = partsSent;
    }

    public int getSendFailures() {
        return sendFailures;
    }

    public void setSendFailures(int sendFailures) {
        this.sendFailures = sendFailures;
    }
}
