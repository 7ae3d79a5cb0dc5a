package org.switchboard.core.mailbox;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What one user may do with which mailboxes (SM-02, SM-03), decided from plain facts: the mailboxes they own and the
 * access-list rows that name them or one of their roles. The owner may do everything with their mailbox. A row counts
 * only while its mailbox is shared (SM-04); rights of several rows (own and roles') add up. <em>read</em> shows the
 * mail in records' timelines only; <em>send</em> lets one send from it and shows its mail in the panel;
 * <em>configure</em> opens its settings. Nobody else sees it at all.
 */
public final class MailboxRights implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final MailboxRights NONE = new MailboxRights(Map.of());

    /**
     * A mailbox the user owns.
     *
     * @param smtpEnabled its provider's outgoing (SMTP) server is on; off, the mailbox only receives (MP-13)
     */
    public record Owned(long mailboxId, boolean sendEnabled, boolean smtpEnabled) {
    }

    /** One access-list row naming the user or one of their roles, with its mailbox's and provider's flags. */
    public record Granted(long mailboxId, boolean shared, boolean sendEnabled, boolean smtpEnabled, boolean read,
            boolean send, boolean configure) {
    }

    /** Everything the user may do with one mailbox. */
    public record Access(long mailboxId, boolean owner, boolean sendEnabled, boolean smtpEnabled, boolean read,
            boolean send, boolean configure) implements Serializable {

        private Access plus(Granted row) {
            return new Access(mailboxId, owner, sendEnabled, smtpEnabled, read || row.read(), send || row.send(),
                    configure || row.configure());
        }
    }

    private final Map<Long, Access> byMailbox;

    private MailboxRights(Map<Long, Access> byMailbox) {
        this.byMailbox = byMailbox;
    }

    /** No right to any mailbox (an unknown user). */
    public static MailboxRights none() {
        return NONE;
    }

    /** The rights of a user who owns {@code owned} and is named, directly or by a role, in {@code granted}. */
    public static MailboxRights of(Collection<Owned> owned, Collection<Granted> granted) {
        Map<Long, Access> rights = new TreeMap<>();
        for (Owned mailbox : owned) {
            rights.put(mailbox.mailboxId(), new Access(mailbox.mailboxId(), true, mailbox.sendEnabled(),
                    mailbox.smtpEnabled(), true, true, true));
        }
        for (Granted row : granted) {
            // SM-04: switching "access for other users" off keeps the list but takes its effect away.
            if (row.shared() && (row.read() || row.send() || row.configure())) {
                rights.merge(row.mailboxId(), new Access(row.mailboxId(), false, row.sendEnabled(),
                        row.smtpEnabled(), row.read(), row.send(), row.configure()), (known, added) -> known.plus(row));
            }
        }
        return new MailboxRights(Collections.unmodifiableMap(rights));
    }

    /** SM-03: the mailboxes whose mail the user sees in the panel: their own and those they may send from. */
    public List<Long> panelMailboxIds() {
        return ids(a -> a.owner() || a.send());
    }

    /**
     * The mailboxes in the user's panel list ("Go to mailbox settings", MB-06): their own and the shared ones they may
     * send from or configure.
     */
    public List<Long> listedMailboxIds() {
        return ids(a -> a.owner() || a.send() || a.configure());
    }

    /** SM-03: the mailboxes whose mail shows in records' timelines and history for the user: any right. */
    public List<Long> timelineMailboxIds() {
        return ids(a -> a.owner() || a.read() || a.send() || a.configure());
    }

    /**
     * SM-02, MB-03, MP-13: the mailboxes the user may send from ("From"): their own and those they hold <em>send</em>
     * on, only where "send mail" is on and their provider has its outgoing (SMTP) server on (otherwise offered
     * nowhere).
     */
    public List<Long> senderMailboxIds() {
        return ids(a -> (a.owner() || a.send()) && a.sendEnabled() && a.smtpEnabled());
    }

    /**
     * MP-13: the user would send from this mailbox (their own, or <em>send</em> on it) but it only receives: its
     * provider's outgoing (SMTP) server is switched off.
     */
    public boolean receiveOnly(long mailboxId) {
        return matches(mailboxId, a -> (a.owner() || a.send()) && !a.smtpEnabled());
    }

    /** The user may send from this mailbox now. */
    public boolean canSend(long mailboxId) {
        return senderMailboxIds().contains(mailboxId);
    }

    /** The mailbox shows in the user's panel list with its state (MB-06): owner, send or configure. */
    public boolean canSee(long mailboxId) {
        return matches(mailboxId, a -> a.owner() || a.send() || a.configure());
    }

    /** The user may list the mailbox's mail in the panel: owner or send (SM-03). */
    public boolean canListMail(long mailboxId) {
        return matches(mailboxId, a -> a.owner() || a.send());
    }

    /** The user may read one e-mail of the mailbox in full with its files, as a timeline entry opens it: any right. */
    public boolean canRead(long mailboxId) {
        return matches(mailboxId, a -> a.owner() || a.read() || a.send() || a.configure());
    }

    /** The user may open and change the mailbox's settings and credentials: owner or configure (SM-02). */
    public boolean canConfigure(long mailboxId) {
        return matches(mailboxId, a -> a.owner() || a.configure());
    }

    public boolean isOwner(long mailboxId) {
        return matches(mailboxId, Access::owner);
    }

    /**
     * SM-01, SM-04: the user may change who else has access (the access list, and switching sharing on): one who may
     * configure the mailbox and holds both shared-mailbox operations.
     */
    public boolean canManageAccess(long mailboxId, boolean holdsSharingOperations) {
        return holdsSharingOperations && canConfigure(mailboxId);
    }

    /**
     * Issue 18: whether the user may give someone (themselves included) these rights on the mailbox: the owner any;
     * a grantee only rights they hold themselves (read with any right, send with send, configure with configure).
     */
    public boolean mayGrant(long mailboxId, boolean read, boolean send, boolean configure) {
        return matches(mailboxId, a -> a.owner() || (!read || a.read() || a.send() || a.configure())
                && (!send || a.send()) && (!configure || a.configure()));
    }

    /**
     * SM-01, SM-04: switching "access for other users" on needs {@link #canManageAccess}; switching it off only
     * narrows access, so the owner may always do it, even one who lost the operations.
     */
    public boolean canSwitchSharing(long mailboxId, boolean on, boolean holdsSharingOperations) {
        return canManageAccess(mailboxId, holdsSharingOperations) || !on && isOwner(mailboxId);
    }

    private boolean matches(long mailboxId, Predicate<Access> test) {
        Access access = byMailbox.get(mailboxId);
        return access != null && test.test(access);
    }

    /** The matching mailboxes' ids in ascending order (the map is sorted). */
    private List<Long> ids(Predicate<Access> test) {
        return byMailbox.values().stream().filter(test).map(Access::mailboxId).toList();
    }
}
