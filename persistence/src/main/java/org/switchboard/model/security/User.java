package org.switchboard.model.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A person who signs in to Switchboard: an administrator, an operator or a mailbox user.
 * Holds the salted password hash, never the password; belongs to any number of roles.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.BY_LOGIN, query = "SELECT u FROM User u WHERE u.login = :login")
@NamedQuery(name = User.COUNT_ALL, query = "SELECT COUNT(u) FROM User u")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.login")
@NamedQuery(name = User.COUNT_ENABLED_IN_ROLE,
        query = "SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r.id = :roleId AND u.enabled = TRUE")
// X-02 issue 18: a stored hash is upgraded only if nobody changed it meanwhile, and without a version conflict with
// an administrator's edit (EclipseLink raises the version in every bulk update unless told otherwise).
@NamedQuery(name = User.REHASH, query = "UPDATE User u SET u.passwordHash = :newHash, u.version = u.version"
        + " WHERE u.id = :id AND u.passwordHash = :oldHash")
@NamedQuery(name = User.IN_ROLE, query = "SELECT u FROM User u JOIN u.roles r WHERE r.id = :roleId ORDER BY u.login")
public class User {

    public static final String BY_LOGIN = "User.byLogin";
    public static final String ALL = "User.all";
    public static final String COUNT_ALL = "User.countAll";
    public static final String COUNT_ENABLED_IN_ROLE = "User.countEnabledInRole";
    public static final String IN_ROLE = "User.inRole";
    public static final String REHASH = "User.rehash";

    public static final int LOGIN_MAX = 64;
    public static final String LOGIN_PATTERN = "[a-z0-9][a-z0-9._@-]{1,63}";
    public static final int DISPLAY_NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "login", length = LOGIN_MAX, nullable = false, unique = true)
    @NotBlank
    @Pattern(regexp = LOGIN_PATTERN)
    private String login;

    @Column(name = "display_name", length = DISPLAY_NAME_MAX, nullable = false)
    @NotBlank
    @Size(max = DISPLAY_NAME_MAX)
    private String displayName;

    @Column(name = "email", length = EMAIL_MAX)
    @Email
    @Size(max = EMAIL_MAX)
    private String email;

    @Column(name = "password_hash", length = 512, nullable = false)
    private String passwordHash;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Column(name = "locale", length = 10)
    private String locale;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "password_changed_at", nullable = false)
    private OffsetDateTime passwordChangedAt;

    @Column(name = "last_login_at")
    private OffsetDateTime lastLoginAt;

    /** Raised when the password changes or the user is disabled: a browser session of an older one has ended. */
    @Column(name = "session_generation", nullable = false)
    private int sessionGeneration;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "app_user_role",
            joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "role_id"))
    private Set<Role> roles = new LinkedHashSet<>();

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public OffsetDateTime getPasswordChangedAt() {
        return passwordChangedAt;
    }

    public void setPasswordChangedAt(OffsetDateTime passwordChangedAt) {
        this.passwordChangedAt = passwordChangedAt;
    }

    public OffsetDateTime getLastLoginAt() {
        return lastLoginAt;
    }

    public void setLastLoginAt(OffsetDateTime lastLoginAt) {
        this.lastLoginAt = lastLoginAt;
    }

    public int getSessionGeneration() {
        return sessionGeneration;
    }

    /** Ends every browser session of this user that signed in before. */
    public void endSessions() {
        sessionGeneration++;
    }

    public Set<Role> getRoles() {
        return roles;
    }
}
