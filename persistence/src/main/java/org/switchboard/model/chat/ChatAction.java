package org.switchboard.model.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * A chat action (CH-07): the title an operator of the queue sees on a chat, and the process it starts with the
 * chat's {@code ChatId} and {@code ContactId}.
 */
@Entity
@Table(name = "chat_action")
@NamedQuery(name = ChatAction.ALL, query = "SELECT a FROM ChatAction a JOIN FETCH a.queue ORDER BY a.title")
@NamedQuery(name = ChatAction.OF_QUEUE,
        query = "SELECT a FROM ChatAction a WHERE a.queue.id = :queueId ORDER BY a.title")
@NamedQuery(name = ChatAction.COUNT_BY_QUEUE,
        query = "SELECT COUNT(a) FROM ChatAction a WHERE a.queue.id = :queueId")
@NamedQuery(name = ChatAction.BY_TITLE_IN_QUEUE, query = "SELECT a FROM ChatAction a "
        + "WHERE a.queue.id = :queueId AND LOWER(a.title) = LOWER(:title)")
public class ChatAction {

    public static final String ALL = "ChatAction.all";
    public static final String OF_QUEUE = "ChatAction.ofQueue";
    public static final String COUNT_BY_QUEUE = "ChatAction.countByQueue";
    /** The action of a queue with a title, ignoring case (titles are unique per queue). */
    public static final String BY_TITLE_IN_QUEUE = "ChatAction.byTitleInQueue";

    public static final int TITLE_MAX = 200;
    public static final int PROCESS_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_action_seq")
    @SequenceGenerator(name = "chat_action_seq", sequenceName = "chat_action_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "title", length = TITLE_MAX, nullable = false)
    @NotBlank
    @Size(max = TITLE_MAX)
    private String title;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "queue_id", nullable = false)
    @NotNull
    private ChatQueue queue;

    @Column(name = "process", length = PROCESS_MAX, nullable = false)
    @NotBlank
    @Size(max = PROCESS_MAX)
    private String process;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public ChatQueue getQueue() {
        return queue;
    }

    public void setQueue(ChatQueue queue) {
        this.queue = queue;
    }

    public String getProcess() {
        return process;
    }

    public void setProcess(String process) {
        this.process = process;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatAction action && id != null && id.equals(action.id);
    }

    @Override
    public int hashCode() {
        return ChatAction.class.hashCode();
    }
}
