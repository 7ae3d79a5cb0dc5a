package org.switchboard.model.chat;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat queue (CH-02): a named purpose ("1st line support"), its routing rule (CH-03, CH-04), its completion
 * timeout in minutes (CH-05, CH-13; {@code null} = never complete automatically) and its operators (CH-06).
 */
@Entity
@Table(name = "chat_queue")
@NamedQuery(name = ChatQueue.ALL, query = "SELECT q FROM ChatQueue q ORDER BY q.name")
@NamedQuery(name = ChatQueue.BY_NAME, query = "SELECT q FROM ChatQueue q WHERE LOWER(q.name) = LOWER(:name)")
@NamedQuery(name = ChatQueue.WITH_OPERATORS,
        query = "SELECT DISTINCT q FROM ChatQueue q LEFT JOIN FETCH q.operators WHERE q.id = :id")
public class ChatQueue {

    public static final String ALL = "ChatQueue.all";
    public static final String BY_NAME = "ChatQueue.byName";
    public static final String WITH_OPERATORS = "ChatQueue.withOperators";

    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_queue_seq")
    @SequenceGenerator(name = "chat_queue_seq", sequenceName = "chat_queue_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "name", length = NAME_MAX, nullable = false, unique = true)
    @NotBlank
    @Size(max = NAME_MAX)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "routing_rule", length = 20, nullable = false)
    @NotNull
    private RoutingRule routingRule = RoutingRule.TO_ALL;

    @Column(name = "completion_timeout_minutes")
    @Min(1)
    private Integer completionTimeoutMinutes;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @OneToMany(mappedBy = "queue", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<ChatQueueOperator> operators = new ArrayList<>();

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public RoutingRule getRoutingRule() {
        return routingRule;
    }

    public void setRoutingRule(RoutingRule routingRule) {
        this.routingRule = routingRule;
    }

    public Integer getCompletionTimeoutMinutes() {
        return completionTimeoutMinutes;
    }

    public void setCompletionTimeoutMinutes(Integer completionTimeoutMinutes) {
        this.completionTimeoutMinutes = completionTimeoutMinutes;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public List<ChatQueueOperator> getOperators() {
        return operators;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatQueue queue && id != null && id.equals(queue.getId());
    }

    @Override
    public int hashCode() {
        return ChatQueue.class.hashCode();
    }
}
