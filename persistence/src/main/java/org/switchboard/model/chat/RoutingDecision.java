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
import java.time.OffsetDateTime;
import org.switchboard.model.security.User;

/**
 * One routing decision about a chat (CH-03, CH-04, CH-08): the rule, what was done, who was chosen and why, and
 * every candidate considered with their status and load, so that a supervisor can answer "why did this chat go to
 * Bob?". {@code candidates} is a JSON array written by the router.
 */
@Entity
@Table(name = "routing_decision")
@NamedQuery(name = RoutingDecision.OF_CHAT, query = "SELECT d FROM RoutingDecision d LEFT JOIN FETCH d.operator "
        + "WHERE d.chat.id = :chatId ORDER BY d.id")
public class RoutingDecision {

    public static final String OF_CHAT = "RoutingDecision.ofChat";

    public static final int REASON_MAX = 500;
    public static final int CANDIDATES_MAX = 8000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "routing_decision_seq")
    @SequenceGenerator(name = "routing_decision_seq", sequenceName = "routing_decision_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "chat_id", nullable = false, updatable = false)
    private Chat chat;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private OffsetDateTime decidedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "rule", length = 20, nullable = false, updatable = false)
    private RoutingRule rule;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", length = 20, nullable = false, updatable = false)
    private RoutingOutcome outcome;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "operator_id", updatable = false)
    private User operator;

    @Column(name = "reason", length = REASON_MAX, updatable = false)
    private String reason;

    @Column(name = "candidates", length = CANDIDATES_MAX, updatable = false)
    private String candidates;

    protected RoutingDecision() {
    }

    public RoutingDecision(Chat chat, OffsetDateTime decidedAt, RoutingRule rule, RoutingOutcome outcome,
            User operator, String reason, String candidates) {
        this.chat = chat;
        this.decidedAt = decidedAt;
        this.rule = rule;
        this.outcome = outcome;
        this.operator = operator;
        this.reason = reason;
        this.candidates = candidates;
    }

    public Long getId() {
        return id;
    }

    public Chat getChat() {
        return chat;
    }

    public OffsetDateTime getDecidedAt() {
        return decidedAt;
    }

    public RoutingRule getRule() {
        return rule;
    }

    public RoutingOutcome getOutcome() {
        return outcome;
    }

    public User getOperator() {
        return operator;
    }

    public String getReason() {
        return reason;
    }

    public String getCandidates() {
        return candidates;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoutingDecision decision && id != null && id.equals(decision.getId());
    }

    @Override
    public int hashCode() {
        return RoutingDecision.class.hashCode();
    }
}
