package org.switchboard.model.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** A quick-reply template in one language (CH-11), offered to operators on chats of channels in that language. */
@Entity
@Table(name = "quick_reply")
@NamedQuery(name = QuickReply.ALL, query = "SELECT r FROM QuickReply r ORDER BY r.language, r.title")
@NamedQuery(name = QuickReply.OF_LANGUAGE,
        query = "SELECT r FROM QuickReply r WHERE r.language = :language ORDER BY r.title")
@NamedQuery(name = QuickReply.BY_TITLE, query = "SELECT r FROM QuickReply r "
        + "WHERE r.language = :language AND LOWER(r.title) = LOWER(:title)")
public class QuickReply {

    public static final String ALL = "QuickReply.all";
    public static final String OF_LANGUAGE = "QuickReply.ofLanguage";
    /** The reply of a language with a title, ignoring case (titles are unique per language). */
    public static final String BY_TITLE = "QuickReply.byTitle";

    public static final int LANGUAGE_MAX = 10;
    public static final int TITLE_MAX = 100;
    public static final int BODY_MAX = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quick_reply_seq")
    @SequenceGenerator(name = "quick_reply_seq", sequenceName = "quick_reply_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "language", length = LANGUAGE_MAX, nullable = false)
    @NotBlank
    @Size(max = LANGUAGE_MAX)
    private String language;

    @Column(name = "title", length = TITLE_MAX, nullable = false)
    @NotBlank
    @Size(max = TITLE_MAX)
    private String title;

    @Column(name = "body", length = BODY_MAX, nullable = false)
    @NotBlank
    @Size(max = BODY_MAX)
    private String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuickReply reply && id != null && id.equals(reply.id);
    }

    @Override
    public int hashCode() {
        return QuickReply.class.hashCode();
    }
}
