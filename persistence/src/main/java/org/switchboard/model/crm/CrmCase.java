package org.switchboard.model.crm;

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
import java.time.OffsetDateTime;
import org.switchboard.model.chat.Chat;

/** A CRM case, created for instance by the chat action "Create case" (CH-07), linked to its contact and chat. */
@Entity
@Table(name = "crm_case")
@NamedQuery(name = CrmCase.OF_CHAT, query = "SELECT c FROM CrmCase c WHERE c.chat.id = :chatId ORDER BY c.id")
public class CrmCase {

    public static final String OF_CHAT = "CrmCase.ofChat";

    public static final int SUBJECT_MAX = 500;
    public static final String STATUS_NEW = "NEW";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_case_seq")
    @SequenceGenerator(name = "crm_case_seq", sequenceName = "crm_case_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "subject", length = SUBJECT_MAX, nullable = false)
    private String subject;

    @Column(name = "status", length = 20, nullable = false)
    private String status = STATUS_NEW;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false)
    private Contact contact;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "chat_id")
    private Chat chat;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", length = 64, nullable = false, updatable = false)
    private String createdBy;

    protected CrmCase() {
    }

    public CrmCase(String subject, Contact contact, Chat chat, OffsetDateTime createdAt, String createdBy) {
        this.subject = subject;
        this.contact = contact;
        this.chat = chat;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public Long getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public String getStatus() {
        return status;
    }

    public Contact getContact() {
        return contact;
    }

    public Chat getChat() {
        return chat;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrmCase crmCase && id != null && id.equals(crmCase.getId());
    }

    @Override
    public int hashCode() {
        return CrmCase.class.hashCode();
    }
}
