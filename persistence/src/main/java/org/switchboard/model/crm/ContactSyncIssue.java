package org.switchboard.model.crm;

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
import java.time.OffsetDateTime;

/**
 * What a mailbox's contact sync page lists (issue 21 item 5): a contact changed on both sides, and which side's change
 * was kept; or an item that could not be synced, with the reason.
 */
@Entity
@Table(name = "contact_sync_issue")
@NamedQuery(name = ContactSyncIssue.OF_MAILBOX, query = "SELECT i FROM ContactSyncIssue i "
        + "WHERE i.mailboxId = :mailboxId ORDER BY i.occurredAt DESC, i.id DESC")
public class ContactSyncIssue {

    public static final String OF_MAILBOX = "ContactSyncIssue.ofMailbox";
    public static final int DETAIL_MAX = 1000;

    /** What happened. */
    public enum Kind {
        /** Changed on both sides; the change here was the later one and was kept. */
        KEPT_HERE,
        /** Changed on both sides; the remote change was the later one and was kept. */
        KEPT_THERE,
        /** The item could not be synced (the reason in the detail); the run went on. */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_sync_issue_seq")
    @SequenceGenerator(name = "contact_sync_issue_seq", sequenceName = "contact_sync_issue_seq", allocationSize = 50)
    private Long id;

    @Column(name = "mailbox_id", nullable = false, updatable = false)
    private long mailboxId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 10, nullable = false, updatable = false)
    private Kind kind;

    @Column(name = "contact_id", updatable = false)
    private Long contactId;

    @Column(name = "remote_id", length = ContactSyncLink.REMOTE_ID_MAX, updatable = false)
    private String remoteId;

    @Column(name = "detail", length = DETAIL_MAX, nullable = false, updatable = false)
    private String detail;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    protected ContactSyncIssue() {
    }

    public ContactSyncIssue(long mailboxId, Kind kind, Long contactId, String remoteId, String detail,
            OffsetDateTime occurredAt) {
        this.mailboxId = mailboxId;
        this.kind = kind;
        this.contactId = contactId;
        this.remoteId = remoteId;
        String text = detail == null || detail.isBlank() ? kind.name() : detail;
        this.detail = text.length() <= DETAIL_MAX ? text : text.substring(0, DETAIL_MAX);
        this.occurredAt = occurredAt;
    }

    public Long getId() {
        return id;
    }

    public long getMailboxId() {
        return mailboxId;
    }

    public Kind getKind() {
        return kind;
    }

    /** The CRM contact concerned, or null (not created, or deleted since). */
    public Long getContactId() {
        return contactId;
    }

    public String getRemoteId() {
        return remoteId;
    }

    public String getDetail() {
        return detail;
    }

    public OffsetDateTime getOccurredAt() {
        return occurredAt;
    }
}
