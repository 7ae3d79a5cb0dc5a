package org.switchboard.model.security;

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
 * A personal API token of a user (X-02, issue 18): an integration sends it as {@code Authorization: Bearer} and acts
 * as that user, with the operations the user holds at that moment. Only the token's SHA-256 is stored, never the
 * token; a short readable prefix tells a user's tokens apart. Revoking a token deletes it.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t JOIN FETCH t.user WHERE t.tokenHash = :hash")
@NamedQuery(name = ApiToken.OF_USER,
        query = "SELECT t FROM ApiToken t WHERE t.user.id = :userId ORDER BY t.createdAt DESC, t.id DESC")
@NamedQuery(name = ApiToken.OF_USER_BY_ID, query = "SELECT t FROM ApiToken t WHERE t.id = :id AND t.user.id = :userId")
@NamedQuery(name = ApiToken.COUNT_OF_USER, query = "SELECT COUNT(t) FROM ApiToken t WHERE t.user.id = :userId")
@NamedQuery(name = ApiToken.COUNT_NAMED,
        query = "SELECT COUNT(t) FROM ApiToken t WHERE t.user.id = :userId AND LOWER(t.name) = LOWER(:name)")
// X-02 issue 18: the last use is written at most once a minute per token, and without raising the version
// (EclipseLink raises it in every bulk update unless told otherwise).
@NamedQuery(name = ApiToken.TOUCH, query = "UPDATE ApiToken t SET t.lastUsedAt = :now, t.version = t.version"
        + " WHERE t.id = :id AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :staleBefore)")
public class ApiToken {

    public static final String BY_HASH = "ApiToken.byHash";
    public static final String OF_USER = "ApiToken.ofUser";
    public static final String OF_USER_BY_ID = "ApiToken.ofUserById";
    public static final String COUNT_OF_USER = "ApiToken.countOfUser";
    public static final String COUNT_NAMED = "ApiToken.countNamed";
    public static final String TOUCH = "ApiToken.touch";

    public static final int NAME_MAX = 100;
    /** The characters of the token after {@code sbt_} that stay readable. */
    public static final int PREFIX_LENGTH = 8;
    /** A SHA-256 in hexadecimal. */
    public static final int HASH_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    @NotNull
    private User user;

    @Column(name = "name", length = NAME_MAX, nullable = false)
    @NotBlank
    @Size(max = NAME_MAX)
    private String name;

    @Column(name = "token_hash", length = HASH_LENGTH, nullable = false, unique = true)
    @NotNull
    @Size(min = HASH_LENGTH, max = HASH_LENGTH)
    private String tokenHash;

    @Column(name = "prefix", length = PREFIX_LENGTH, nullable = false)
    @NotNull
    @Size(max = PREFIX_LENGTH)
    private String prefix;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    /** When the token stops working; {@code null} for a token that works until it is revoked. */
    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    protected ApiToken() {
    }

    public ApiToken(User user, String name, String tokenHash, String prefix, OffsetDateTime createdAt,
                    OffsetDateTime expiresAt) {
        this.user = user;
        this.name = name;
        this.tokenHash = tokenHash;
        this.prefix = prefix;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public User getUser() {
        return user;
    }

    public String getName() {
        return name;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getPrefix() {
        return prefix;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getLastUsedAt() {
        return lastUsedAt;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }
}
