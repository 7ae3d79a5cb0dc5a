package org.switchboard.core.mailbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.mailbox.MailboxAccess;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * The access list of a shared mailbox (SM-02, SM-04): users and roles with the rights read, send and configure.
 * Whoever may configure the mailbox sees the list; changing it needs that and both shared-mailbox operations
 * (SM-01, 403 otherwise). The list may be kept while sharing is off, then without effect. A mailbox the caller may
 * not configure is "not found". A grantee who configures it cannot give anyone, themselves included, a right they do
 * not hold (issue 18, 403).
 */
@Stateless
@PermitAll
public class MailboxAccessService {

    private static final Logger LOG = Logger.getLogger(MailboxAccessService.class.getName());
    /** The most users and the most roles the picker offers for one search. */
    public static final int GRANTEES_MAX = 20;

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    @Inject
    private MailboxAccessPolicy policy;

    @Inject
    private Clock clock;

    /** The access list of a mailbox the caller may configure, in the order it was made. */
    public List<MailboxAccessView> accessList(long mailboxId) {
        configurable(mailboxId);
        return rows(mailboxId).stream().map(MailboxAccessService::view).toList();
    }

    /**
     * Replaces the whole list (REST): each user and role once, each with a right; a row for a grantee already listed
     * keeps its identity and takes the new rights; the owner is never listed (they hold every right).
     */
    public List<MailboxAccessView> replaceAccessList(long mailboxId, List<MailboxAccessDraft> drafts) {
        Mailbox mailbox = manageable(mailboxId);
        List<MailboxAccessDraft> checked = MailboxRules.accessList(drafts);
        Map<String, MailboxAccess> existing = new HashMap<>();
        rows(mailboxId).forEach(row -> existing.put(key(row), row));
        for (MailboxAccessDraft draft : checked) {
            store(mailbox, draft, existing.remove(key(draft)));
        }
        existing.values().forEach(em::remove);
        em.flush();
        LOG.info(() -> "Access list of mailbox " + mailbox.getAddress() + " replaced by " + Callers.login(context)
                + ": " + checked.size() + " row(s)");
        return accessList(mailboxId);
    }

    /** "Save the row" (SM-04): adds the user or role, or gives one already listed the new rights. */
    public List<MailboxAccessView> saveAccessRow(long mailboxId, MailboxAccessDraft draft) {
        Mailbox mailbox = manageable(mailboxId);
        MailboxAccessDraft checked = MailboxRules.accessRow(draft);
        MailboxAccess known = rows(mailboxId).stream().filter(row -> key(row).equals(key(checked))).findFirst()
                .orElse(null);
        store(mailbox, checked, known);
        em.flush();
        LOG.info(() -> "Access of " + key(checked) + " to mailbox " + mailbox.getAddress() + " saved by "
                + Callers.login(context));
        return accessList(mailboxId);
    }

    /** Takes one row off the list. */
    public List<MailboxAccessView> deleteAccessRow(long mailboxId, long accessId) {
        Mailbox mailbox = manageable(mailboxId);
        MailboxAccess row = em.find(MailboxAccess.class, accessId);
        if (row == null || row.getMailbox().getId() != mailboxId) {
            throw new RecordNotFoundException("MailboxAccess", accessId);
        }
        em.remove(row);
        em.flush();
        LOG.info(() -> "Access of " + key(row) + " to mailbox " + mailbox.getAddress() + " removed by "
                + Callers.login(context));
        return accessList(mailboxId);
    }

    /**
     * The users (enabled, not the owner) and roles whose name or login contains {@code search}, for the access
     * list's picker; at most {@value #GRANTEES_MAX} of each.
     */
    public List<MailboxGrantee> grantees(long mailboxId, String search) {
        Mailbox mailbox = manageable(mailboxId);
        String term = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<MailboxGrantee> grantees = new ArrayList<>();
        em.createNamedQuery(User.ALL, User.class).getResultStream()
                .filter(u -> u.isEnabled() && !u.getId().equals(mailbox.getOwner().getId()))
                .filter(u -> contains(u.getLogin(), term) || contains(u.getDisplayName(), term))
                .limit(GRANTEES_MAX)
                .forEach(u -> grantees.add(new MailboxGrantee(u.getId(), null,
                        u.getDisplayName() + " (" + u.getLogin() + ")")));
        em.createNamedQuery(Role.ALL, Role.class).getResultStream()
                .filter(r -> contains(r.getName(), term)).limit(GRANTEES_MAX)
                .forEach(r -> grantees.add(new MailboxGrantee(null, r.getId(), r.getName())));
        return grantees;
    }

    private static boolean contains(String text, String term) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(term);
    }

    private void store(Mailbox mailbox, MailboxAccessDraft draft, MailboxAccess known) {
        boolean addsRead = draft.read() && (known == null || !known.isCanRead());
        boolean addsSend = draft.send() && (known == null || !known.isCanSend());
        boolean addsConfigure = draft.configure() && (known == null || !known.isCanConfigure());
        if ((addsRead || addsSend || addsConfigure)
                && !policy.rights().mayGrant(mailbox.getId(), addsRead, addsSend, addsConfigure)) {
            throw new AccessDeniedException("error.mailbox.accessBeyondOwnRights", "access");
        }
        MailboxAccess row = known != null ? known : newRow(mailbox, draft);
        row.setRights(draft.read(), draft.send(), draft.configure());
        if (known == null) {
            // Only now: Hibernate inserts the state that persist() saw, which must carry a right
            // (ck_mailbox_access_right).
            em.persist(row);
        }
    }

    private MailboxAccess newRow(Mailbox mailbox, MailboxAccessDraft draft) {
        String by = Callers.login(context);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (draft.userId() != null) {
            User user = em.find(User.class, draft.userId());
            if (user == null) {
                throw new InvalidInputException("validation.mailbox.accessUnknownUser", "access", draft.userId());
            }
            if (user.getId().equals(mailbox.getOwner().getId())) {
                throw new InvalidInputException("validation.mailbox.accessOwner", "access", user.getLogin());
            }
            return MailboxAccess.toUser(mailbox, user, now, by);
        }
        Role role = em.find(Role.class, draft.roleId());
        if (role == null) {
            throw new InvalidInputException("validation.mailbox.accessUnknownRole", "access", draft.roleId());
        }
        return MailboxAccess.toRole(mailbox, role, now, by);
    }

    private List<MailboxAccess> rows(long mailboxId) {
        return em.createNamedQuery(MailboxAccess.OF_MAILBOX, MailboxAccess.class)
                .setParameter("mailboxId", mailboxId).getResultList();
    }

    private Mailbox configurable(long mailboxId) {
        Mailbox mailbox = policy.rights().canConfigure(mailboxId) ? em.find(Mailbox.class, mailboxId) : null;
        if (mailbox == null) {
            throw new RecordNotFoundException("Mailbox", mailboxId);
        }
        return mailbox;
    }

    /** SM-01: configure, and both shared-mailbox operations; otherwise 403 with the reason. */
    private Mailbox manageable(long mailboxId) {
        Mailbox mailbox = configurable(mailboxId);
        if (!policy.holdsSharingOperations()) {
            throw new AccessDeniedException("error.mailbox.sharingNeedsOperations", "access");
        }
        return mailbox;
    }

    private static String key(MailboxAccess row) {
        return row.getUser() != null ? "user:" + row.getUser().getId() : "role:" + row.getRole().getId();
    }

    private static String key(MailboxAccessDraft draft) {
        return draft.userId() != null ? "user:" + draft.userId() : "role:" + draft.roleId();
    }

    private static MailboxAccessView view(MailboxAccess row) {
        User user = row.getUser();
        Role role = row.getRole();
        return new MailboxAccessView(row.getId(), user == null ? null : user.getId(),
                user == null ? null : user.getLogin(), user == null ? null : user.getDisplayName(),
                role == null ? null : role.getId(), role == null ? null : role.getName(), row.isCanRead(),
                row.isCanSend(), row.isCanConfigure());
    }
}
