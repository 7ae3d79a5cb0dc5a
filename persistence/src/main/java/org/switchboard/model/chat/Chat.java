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
import org.switchboard.model.crm.Contact;
import org.switchboard.model.security.User;

/**
 * One conversation with a contact on a channel (CH-03..CH-05, CH-12): routed through the channel's queue, worked by
 * one operator, completed by them or by the completion timeout. A later message from the contact opens a new chat.
 */
@Entity
@Table(name = "chat")
@NamedQuery(name = Chat.OPEN_OF_CONTACT, query = "SELECT c FROM Chat c WHERE c.contact.id = :contactId "
        + "AND c.channel.id = :channelId AND c.status <> :completed ORDER BY c.id DESC")
@NamedQuery(name = Chat.QUEUES_WITH_STATUS,
        query = "SELECT c.queue.id, MIN(c.createdAt) AS oldest FROM Chat c WHERE c.status = :status "
                + "GROUP BY c.queue.id ORDER BY oldest")
@NamedQuery(name = Chat.IDS_OF_QUEUES_BY_STATUS, query = "SELECT c.id FROM Chat c WHERE c.status = :status "
        + "AND c.queue.id IN :queueIds ORDER BY c.createdAt, c.id")
@NamedQuery(name = Chat.DUE_ACCEPT, query = "SELECT c.id FROM Chat c WHERE c.status = :status "
        + "AND c.acceptDeadline <= :now ORDER BY c.acceptDeadline, c.id")
@NamedQuery(name = Chat.DUE_COMPLETION, query = "SELECT c.id FROM Chat c WHERE c.status = :status "
        + "AND c.completionDueAt <= :now ORDER BY c.completionDueAt, c.id")
@NamedQuery(name = Chat.BY_IDS, query = "SELECT c FROM Chat c WHERE c.id IN :ids")
@NamedQuery(name = Chat.COUNT_BY_CHANNEL, query = "SELECT COUNT(c) FROM Chat c WHERE c.channel.id = :channelId")
@NamedQuery(name = Chat.COUNT_BY_QUEUE, query = "SELECT COUNT(c) FROM Chat c WHERE c.queue.id = :queueId")
@NamedQuery(name = Chat.LOAD_OF_OPERATOR,
        query = "SELECT COUNT(c) FROM Chat c WHERE c.operator.id = :userId AND c.status <> :completed")
public class Chat {

    public static final String OPEN_OF_CONTACT = "Chat.openOfContact";
    public static final String BY_IDS = "Chat.byIds";
    public static final String QUEUES_WITH_STATUS = "Chat.queuesWithStatus";
    /** The ids of the chats of a status in any of the given queues, oldest first. */
    public static final String IDS_OF_QUEUES_BY_STATUS = "Chat.idsOfQueuesByStatus";
    public static final String DUE_ACCEPT = "Chat.dueAccept";
    public static final String DUE_COMPLETION = "Chat.dueCompletion";
    public static final String COUNT_BY_CHANNEL = "Chat.countByChannel";
    public static final String COUNT_BY_QUEUE = "Chat.countByQueue";
    public static final String LOAD_OF_OPERATOR = "Chat.loadOfOperator";

    /** How much of a chat's last message its summary shows. */
    public static final int LAST_MESSAGE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_seq")
    @SequenceGenerator(name = "chat_seq", sequenceName = "chat_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id", nullable = false, updatable = false)
    private Channel channel;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false, updatable = false)
    private Contact contact;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "queue_id", nullable = false)
    private ChatQueue queue;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20, nullable = false)
    private ChatStatus status = ChatStatus.QUEUED;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "operator_id")
    private User operator;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    // The foreign keys as plain values, read-only: the hot paths (events, audiences) need the ids without loading
    // the related rows. Null on a chat created in this transaction until it is read again; see the getters.
    @Column(name = "channel_id", insertable = false, updatable = false)
    private Long channelId;

    @Column(name = "contact_id", insertable = false, updatable = false)
    private Long contactId;

    @Column(name = "queue_id", insertable = false, updatable = false)
    private Long queueId;

    @Column(name = "operator_id", insertable = false, updatable = false)
    private Long operatorId;

    /** Set with {@link #setOperator}, so that the id follows a change made in this transaction. */
    private transient boolean operatorChanged;

    private transient boolean queueChanged;

    @Column(name = "routed_at")
    private OffsetDateTime routedAt;

    @Column(name = "assigned_at")
    private OffsetDateTime assignedAt;

    @Column(name = "accept_deadline")
    private OffsetDateTime acceptDeadline;

    @Column(name = "accepted_at")
    private OffsetDateTime acceptedAt;

    @Column(name = "last_outbound_at")
    private OffsetDateTime lastOutboundAt;

    @Column(name = "completion_due_at")
    private OffsetDateTime completionDueAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "completion", length = 20)
    private ChatCompletion completion;

    protected Chat() {
    }

    public Chat(Channel channel, Contact contact, ChatQueue queue, OffsetDateTime createdAt) {
        this.channel = channel;
        this.contact = contact;
        this.queue = queue;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public Channel getChannel() {
        return channel;
    }

    public Contact getContact() {
        return contact;
    }

    public ChatQueue getQueue() {
        return queue;
    }

    public void setQueue(ChatQueue queue) {
        this.queue = queue;
        this.queueChanged = true;
    }

    public ChatStatus getStatus() {
        return status;
    }

    public void setStatus(ChatStatus status) {
        this.status = status;
    }

    public User getOperator() {
        return operator;
    }

    public void setOperator(User operator) {
        this.operator = operator;
        this.operatorChanged = true;
    }

    public Long getChannelId() {
        return channelId != null ? channelId : channel.getId();
    }

    public Long getContactId() {
        return contactId != null ? contactId : contact.getId();
    }

    public Long getQueueId() {
        return queueId != null && !queueChanged ? queueId : queue.getId();
    }

    /** The operator's id without loading the operator. */
    public Long getOperatorId() {
        if (operatorChanged || id == null) {
            return operator == null ? null : operator.getId();
        }
        return operatorId;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getRoutedAt() {
        return routedAt;
    }

    public void setRoutedAt(OffsetDateTime routedAt) {
        this.routedAt = routedAt;
    }

    public OffsetDateTime getAssignedAt() {
        return assignedAt;
    }

    public void setAssignedAt(OffsetDateTime assignedAt) {
        this.assignedAt = assignedAt;
    }

    public OffsetDateTime getAcceptDeadline() {
        return acceptDeadline;
    }

    public void setAcceptDeadline(OffsetDateTime acceptDeadline) {
        this.acceptDeadline = acceptDeadline;
    }

    public OffsetDateTime getAcceptedAt() {
        return acceptedAt;
    }

    public void setAcceptedAt(OffsetDateTime acceptedAt) {
        this.acceptedAt = acceptedAt;
    }

    public OffsetDateTime getLastOutboundAt() {
        return lastOutboundAt;
    }

    public void setLastOutboundAt(OffsetDateTime lastOutboundAt) {
        this.lastOutboundAt = lastOutboundAt;
    }

    public OffsetDateTime getCompletionDueAt() {
        return completionDueAt;
    }

    public void setCompletionDueAt(OffsetDateTime completionDueAt) {
        this.completionDueAt = completionDueAt;
    }

    public OffsetDateTime getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(OffsetDateTime completedAt) {
        this.completedAt = completedAt;
    }

    public ChatCompletion getCompletion() {
        return completion;
    }

    public void setCompletion(ChatCompletion completion) {
        this.completion = completion;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Chat chat && id != null && id.equals(chat.getId());
    }

    @Override
    public int hashCode() {
        return Chat.class.hashCode();
    }
}
