package org.switchboard.model.inbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * An inbound message that could not be processed, kept with its kind and format version, where it came from
 * and who submitted it, its reason and its raw payload until an administrator replays it (as its submitter) once the
 * cause is fixed, or discards it. Nothing inbound is dropped silently.
 */
@Entity
@Table(name = "dead_letter")
@NamedQuery(name = DeadLetter.BY_STATUS, query = "SELECT d FROM DeadLetter d WHERE d.status = :status "
        + "ORDER BY d.receivedAt DESC, d.id DESC")
@NamedQuery(name = DeadLetter.IDS_BY_STATUS_AND_KIND, query = "SELECT d.id FROM DeadLetter d "
        + "WHERE d.status = :status AND d.kind = :kind ORDER BY d.id")
@NamedQuery(name = DeadLetter.COUNT_BY_STATUS, query = "SELECT COUNT(d) FROM DeadLetter d WHERE d.status = :status")
public class DeadLetter {

    public static final String BY_STATUS = "DeadLetter.byStatus";
    public static final String IDS_BY_STATUS_AND_KIND = "DeadLetter.idsByStatusAndKind";
    public static final String COUNT_BY_STATUS = "DeadLetter.countByStatus";

    public static final int KIND_MAX = 100;
    public static final int SUBMITTED_BY_MAX = 100;
    public static final int REASON_MAX = 1000;
    public static final int PAYLOAD_MAX = 1_000_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dead_letter_seq")
    @SequenceGenerator(name = "dead_letter_seq", sequenceName = "dead_letter_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "kind", length = KIND_MAX, nullable = false)
    private String kind;

    @Column(name = "format_version", nullable = false, updatable = false)
    private int formatVersion = 1;

    /** How it arrived: {@code JMS}, {@code REST} or {@code WEBHOOK}. */
    @Column(name = "source", length = 20, nullable = false, updatable = false)
    private String source;

    /** Who submitted it: the REST caller's login, the JMS producer's user name, the webhook's provider. */
    @Column(name = "submitted_by", length = SUBMITTED_BY_MAX, updatable = false)
    private String submittedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20, nullable = false)
    private DeadLetterStatus status = DeadLetterStatus.NEW;

    @Column(name = "reason_code", length = 100, nullable = false)
    private String reasonCode;

    @Column(name = "reason", length = REASON_MAX, nullable = false)
    private String reason;

    @Column(name = "payload", length = PAYLOAD_MAX)
    private String payload;

    @Column(name = "received_at", nullable = false, updatable = false)
    private OffsetDateTime receivedAt;

    @Column(name = "attempts", nullable = false)
    private int attempts = 1;

    @Column(name = "last_attempt_at", nullable = false)
    private OffsetDateTime lastAttemptAt;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    @Column(name = "resolved_by", length = 64)
    private String resolvedBy;

    protected DeadLetter() {
    }

    public DeadLetter(String kind, int formatVersion, String source, String submittedBy, String reasonCode,
            String reason, String payload, OffsetDateTime receivedAt) {
        this.kind = kind;
        this.formatVersion = formatVersion;
        this.source = source;
        this.submittedBy = truncate(submittedBy, SUBMITTED_BY_MAX);
        this.reasonCode = reasonCode;
        this.reason = truncate(reason, REASON_MAX);
        this.payload = truncate(payload, PAYLOAD_MAX);
        this.receivedAt = receivedAt;
        this.lastAttemptAt = receivedAt;
    }

    /** A replay failed again: the new reason replaces the old one. */
    public void failedAgain(String reasonCode, String reason, OffsetDateTime at) {
        this.reasonCode = reasonCode;
        this.reason = truncate(reason, REASON_MAX);
        this.attempts++;
        this.lastAttemptAt = at;
    }

    public void resolve(DeadLetterStatus status, OffsetDateTime at, String by) {
        this.status = status;
        this.resolvedAt = at;
        this.resolvedBy = by;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getKind() {
        return kind;
    }

    public int getFormatVersion() {
        return formatVersion;
    }

    public String getSource() {
        return source;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public DeadLetterStatus getStatus() {
        return status;
    }

    public String getReasonCode() {
        return reasonCode;
    }

    public String getReason() {
        return reason;
    }

    public String getPayload() {
        return payload;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getLastAttemptAt() {
        return lastAttemptAt;
    }

    public OffsetDateTime getResolvedAt() {
        return resolvedAt;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeadLetter letter && id != null && id.equals(letter.getId());
    }

    @Override
    public int hashCode() {
        return DeadLetter.class.hashCode();
    }
}
