package org.switchboard.core.mailbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.Operations;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.mailbox.MailboxAccess;
import org.switchboard.model.security.User;

/**
 * Loads who may do what with which mailbox (SM-01..SM-03) for the caller, or for a user named by login (a JMS send
 * request made on someone's behalf): the mailboxes they own and the access-list rows naming them or one of their
 * roles. {@link MailboxRights} decides; every mailbox use case asks here, and so do the timelines (MB-04, by
 * {@link #timelineMailboxIds()}) and sending ("From", by {@link #senderMailboxIds()}).
 */
@Stateless
@PermitAll
@DeclareRoles({Operations.CAN_CONNECT_SHARED_MAILBOX, Operations.CAN_MANAGE_SHARED_MAILBOX_SYNC})
public class MailboxAccessPolicy {

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    /** The caller's rights; none for an anonymous caller. */
    public MailboxRights rights() {
        return rightsOf(Callers.login(context));
    }

    /** The rights of the user with that login; none when there is no such user. */
    public MailboxRights rightsOf(String login) {
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).getResultStream()
                .findFirst().map(user -> rightsOf(user.getId())).orElse(MailboxRights.none());
    }

    /** The rights of the user with that id. */
    public MailboxRights rightsOf(long userId) {
        List<MailboxRights.Owned> owned = em.createNamedQuery(MailboxAccess.OWNED_BY_USER, Object[].class)
                .setParameter("userId", userId).getResultStream()
                .map(row -> new MailboxRights.Owned((Long) row[0], (Boolean) row[1], (Boolean) row[2])).toList();
        List<MailboxRights.Granted> granted = em.createNamedQuery(MailboxAccess.RIGHTS_OF_USER, Object[].class)
                .setParameter("userId", userId).getResultStream()
                .map(row -> new MailboxRights.Granted((Long) row[0], (Boolean) row[1], (Boolean) row[2],
                        (Boolean) row[3], (Boolean) row[4], (Boolean) row[5], (Boolean) row[6])).toList();
        return MailboxRights.of(owned, granted);
    }

    /**
     * SM-03: the logins whose panels show a mailbox's mail: the owner and, while it is shared, every enabled user who
     * may send from it, by their own row or a role's. Events about its mail name them as their audience.
     */
    public List<String> panelAudience(long mailboxId) {
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        if (mailbox == null) {
            return List.of();
        }
        Set<String> logins = new LinkedHashSet<>();
        logins.add(mailbox.getOwner().getLogin());
        if (mailbox.isShared()) {
            for (String query : List.of(MailboxAccess.SEND_USERS, MailboxAccess.SEND_ROLE_MEMBERS)) {
                logins.addAll(em.createNamedQuery(query, String.class).setParameter("mailboxId", mailboxId)
                        .getResultList());
            }
        }
        return List.copyOf(logins);
    }

    /** SM-01: the caller holds both {@code CanConnectSharedMailbox} and {@code CanManageSharedMailboxSync}. */
    public boolean holdsSharingOperations() {
        return context.isCallerInRole(Operations.CAN_CONNECT_SHARED_MAILBOX)
                && context.isCallerInRole(Operations.CAN_MANAGE_SHARED_MAILBOX_SYNC);
    }

    /** SM-03: the caller's mailboxes whose mail shows in the panel (own, and shared with <em>send</em>). */
    public List<Long> panelMailboxIds() {
        return rights().panelMailboxIds();
    }

    /** SM-03: the caller's mailboxes whose mail shows in records' timelines and history (own, and any right). */
    public List<Long> timelineMailboxIds() {
        return rights().timelineMailboxIds();
    }

    /** SM-02, MB-03: the mailboxes the caller may send from (own and <em>send</em>), "send mail" on. */
    public List<Long> senderMailboxIds() {
        return rights().senderMailboxIds();
    }

    /** The caller may change the mailbox's settings (own or <em>configure</em>). */
    public boolean canConfigure(long mailboxId) {
        return rights().canConfigure(mailboxId);
    }

    /** The caller may open an e-mail of the mailbox in full (own or any right). */
    public boolean canRead(long mailboxId) {
        return rights().canRead(mailboxId);
    }
}
