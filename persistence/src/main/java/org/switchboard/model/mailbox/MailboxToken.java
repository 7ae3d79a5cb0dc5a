package org.switchboard.model.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * The OAuth tokens of a mailbox signed in with Microsoft (MO-01, MO-02), AES-GCM ciphertext written by the service.
 * Apart from {@link Mailbox}, so that a refresh locks this row only: two nodes refreshing at once queue on it, and the
 * second finds the token the first saved instead of redeeming a rotated-away refresh token.
 */
@Entity
@Table(name = "mailbox_token")
public class MailboxToken {

    public static final int TOKEN_STORED_MAX = 20_000;
    public static final int SCOPE_MAX = 1000;

    @Id
    @Column(name = "mailbox_id")
    private Long mailboxId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "access_token", length = TOKEN_STORED_MAX, nullable = false)
    private String accessToken;

    @Column(name = "refresh_token", length = TOKEN_STORED_MAX, nullable = false)
    private String refreshToken;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "scope", length = SCOPE_MAX)
    private String scope;

    @Column(name = "refreshed_at", nullable = false)
    private OffsetDateTime refreshedAt;

    protected MailboxToken() {
    }

    public MailboxToken(long mailboxId) {
        this.mailboxId = mailboxId;
    }

    /** Stores newly issued tokens (ciphertexts); a {@code null} refresh token keeps the one stored (no rotation). */
    public void issued(String accessToken, String refreshToken, OffsetDateTime expiresAt, String scope,
            OffsetDateTime at) {
        this.accessToken = accessToken;
        if (refreshToken != null) {
            this.refreshToken = refreshToken;
        }
        this.expiresAt = expiresAt;
        this.scope = scope == null || scope.length() <= SCOPE_MAX ? scope : scope.substring(0, SCOPE_MAX);
        this.refreshedAt = at;
    }

    public Long getMailboxId() {
        return mailboxId;
    }

    public long getVersion() {
        return version;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public String getScope() {
        return scope;
    }

    public OffsetDateTime getRefreshedAt() {
        return refreshedAt;
    }
}
