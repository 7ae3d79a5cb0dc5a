package org.switchboard.model.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * An operator's status and load (CH-04, CH-08): Active or Inactive, how many chats they hold (assigned or in work,
 * across all channels), and when they last took a new chat (the tie rule of "To the least busy"). A user without a
 * row is Active with no chats. Changed through the persistence context with its version checked, so that two
 * transactions never both give the last free place to a chat.
 */
@Entity
@Table(name = "operator_state")
@NamedQuery(name = OperatorState.ALL, query = "SELECT s FROM OperatorState s ORDER BY s.userId")
@NamedQuery(name = OperatorState.OF_USERS, query = "SELECT s FROM OperatorState s WHERE s.userId IN :userIds")
public class OperatorState {

    public static final String ALL = "OperatorState.all";
    public static final String OF_USERS = "OperatorState.ofUsers";

    public static final int REASON_MAX = 200;

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 10, nullable = false)
    private OperatorStatus status = OperatorStatus.ACTIVE;

    @Column(name = "status_changed_at", nullable = false)
    private OffsetDateTime statusChangedAt;

    @Column(name = "status_reason", length = REASON_MAX)
    private String statusReason;

    @Column(name = "active_chats", nullable = false)
    private int activeChats;

    @Column(name = "last_assigned_at")
    private OffsetDateTime lastAssignedAt;

    protected OperatorState() {
    }

    public OperatorState(Long userId, OffsetDateTime statusChangedAt) {
        this.userId = userId;
        this.statusChangedAt = statusChangedAt;
    }

    public Long getUserId() {
        return userId;
    }

    public long getVersion() {
        return version;
    }

    public OperatorStatus getStatus() {
        return status;
    }

    public void changeStatus(OperatorStatus status, OffsetDateTime at, String reason) {
        this.status = status;
        this.statusChangedAt = at;
        this.statusReason = reason;
    }

    public OffsetDateTime getStatusChangedAt() {
        return statusChangedAt;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public int getActiveChats() {
        return activeChats;
    }

    public void setActiveChats(int activeChats) {
        this.activeChats = activeChats;
    }

    public OffsetDateTime getLastAssignedAt() {
        return lastAssignedAt;
    }

    public void setLastAssignedAt(OffsetDateTime lastAssignedAt) {
        this.lastAssignedAt = lastAssignedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OperatorState state && userId != null && userId.equals(state.getUserId());
    }

    @Override
    public int hashCode() {
        return OperatorState.class.hashCode();
    }
}
