package org.switchboard.model.mailbox;

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
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * One row of a shared mailbox's access list (SM-02, SM-04): a user or a role (never both) with the rights read (its
 * mail in records' timelines), send (send from it, its mail in the panel) and configure (its settings page). A right
 * granted to a role holds for every member. The rows count only while the mailbox is shared (SM-04).
 */
@Entity
@Table(name = "mailbox_access")
@NamedQuery(name = MailboxAccess.OF_MAILBOX, query = "SELECT a FROM MailboxAccess a LEFT JOIN FETCH a.user "
        + "LEFT JOIN FETCH a.role WHERE a.mailbox.id = :mailboxId ORDER BY a.id")
// Outer joins: EclipseLink turns a path through a.role into an inner join that would drop the user's own rows.
@NamedQuery(name = MailboxAccess.RIGHTS_OF_USER, query = "SELECT m.id, m.shared, m.sendEnabled, p.smtpEnabled, "
        + "a.canRead, a.canSend, a.canConfigure FROM MailboxAccess a JOIN a.mailbox m JOIN m.provider p "
        + "LEFT JOIN a.user au LEFT JOIN a.role ar "
        + "WHERE au.id = :userId OR ar.id IN (SELECT r.id FROM User u JOIN u.roles r WHERE u.id = :userId)")
@NamedQuery(name = MailboxAccess.SEND_USERS, query = "SELECT u.login FROM MailboxAccess a JOIN a.user u "
        + "WHERE a.mailbox.id = :mailboxId AND a.canSend = TRUE AND u.enabled = TRUE")
@NamedQuery(name = MailboxAccess.SEND_ROLE_MEMBERS, query = "SELECT DISTINCT u.login FROM User u JOIN u.roles r "
        + "WHERE u.enabled = TRUE AND r.id IN (SELECT ar.id FROM MailboxAccess a JOIN a.role ar "
        + "WHERE a.mailbox.id = :mailboxId AND a.canSend = TRUE)")
@NamedQuery(name = MailboxAccess.OWNED_BY_USER,
        query = "SELECT m.id, m.sendEnabled, p.smtpEnabled FROM Mailbox m JOIN m.provider p "
                + "WHERE m.owner.id = :userId")
public class MailboxAccess {

    /** The access list of one mailbox, users and roles fetched. */
    public static final String OF_MAILBOX = "MailboxAccess.ofMailbox";
    /**
     * Every row that gives a user a right, by their own row or a role's: mailbox id, shared, send enabled, the
     * provider's SMTP enabled (MP-13), read, send, configure. What each purpose (panel, timeline, sending, settings)
     * makes of them is decided in code.
     */
    public static final String RIGHTS_OF_USER = "MailboxAccess.rightsOfUser";
    /** The logins of the enabled users a mailbox's own rows give <em>send</em> (SM-03: its panel audience). */
    public static final String SEND_USERS = "MailboxAccess.sendUsers";
    /** The logins of the enabled members of the roles a mailbox's rows give <em>send</em>. */
    public static final String SEND_ROLE_MEMBERS = "MailboxAccess.sendRoleMembers";
    /** The mailboxes a user owns: id, send enabled, the provider's SMTP enabled (MP-13). */
    public static final String OWNED_BY_USER = "MailboxAccess.ownedByUser";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_access_seq")
    @SequenceGenerator(name = "mailbox_access_seq", sequenceName = "mailbox_access_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "mailbox_id", nullable = false, updatable = false)
    @NotNull
    private Mailbox mailbox;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", updatable = false)
    private User user;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "role_id", updatable = false)
    private Role role;

    @Column(name = "can_read", nullable = false)
    private boolean canRead;

    @Column(name = "can_send", nullable = false)
    private boolean canSend;

    @Column(name = "can_configure", nullable = false)
    private boolean canConfigure;

    @Column(name = "granted_at", nullable = false)
    private OffsetDateTime grantedAt;

    @Column(name = "granted_by", length = User.LOGIN_MAX, nullable = false)
    private String grantedBy;

    protected MailboxAccess() {
    }

    private MailboxAccess(Mailbox mailbox, User user, Role role, OffsetDateTime grantedAt, String grantedBy) {
        this.mailbox = mailbox;
        this.user = user;
        this.role = role;
        this.grantedAt = grantedAt;
        this.grantedBy = grantedBy;
    }

    /** A row for one user; set its rights before it is stored. */
    public static MailboxAccess toUser(Mailbox mailbox, User user, OffsetDateTime at, String by) {
        return new MailboxAccess(mailbox, user, null, at, by);
    }

    /** A row for one role, that is for each of its members; set its rights before it is stored. */
    public static MailboxAccess toRole(Mailbox mailbox, Role role, OffsetDateTime at, String by) {
        return new MailboxAccess(mailbox, null, role, at, by);
    }

    /** Sets the three rights at once, as the access list is edited. */
    public void setRights(boolean read, boolean send, boolean configure) {
        this.canRead = read;
        this.canSend = send;
        this.canConfigure = configure;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public Mailbox getMailbox() {
        return mailbox;
    }

    public User getUser() {
        return user;
    }

    public Role getRole() {
        return role;
    }

    public boolean isCanRead() {
        return canRead;
    }

    public boolean isCanSend() {
        return canSend;
    }

    public boolean isCanConfigure() {
        return canConfigure;
    }

    public OffsetDateTime getGrantedAt() {
        return grantedAt;
    }

    public String getGrantedBy() {
        return grantedBy;
    }
}
