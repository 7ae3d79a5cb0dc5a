package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.mailbox.MailboxRights.Granted;
import org.switchboard.core.mailbox.MailboxRights.Owned;

/**
 * SM-01..SM-04: who sees, sends from and configures which mailbox, decided from the rows that name a user directly
 * or through a role (the EJB loads these rows; a role's row reaches the policy as the member's own), without a
 * container; and the access list's input rules.
 */
class MailboxRightsTest {

    private static final long OWN = 10;
    private static final long SHARED = 20;
    private static final long OTHER = 30;

    private static MailboxRights granted(boolean read, boolean send, boolean configure) {
        return MailboxRights.of(List.of(new Owned(OWN, true, true)),
                List.of(new Granted(SHARED, true, true, true, read, send, configure)));
    }

    private static List<Boolean> abilities(MailboxRights rights, long id) {
        return List.of(rights.canSee(id), rights.canListMail(id), rights.canRead(id), rights.canConfigure(id),
                rights.canSend(id));
    }

    @Test
    @DisplayName("SM-02 SM-03 the owner sees, lists, reads, configures and sends from their mailbox")
    void owner() {
        MailboxRights rights = granted(false, false, true);

        assertEquals(List.of(true, true, true, true, true), abilities(rights, OWN));
        assertTrue(rights.isOwner(OWN));
        assertFalse(rights.isOwner(SHARED));
    }

    @Test
    @DisplayName("SM-02 SM-03 read: the mail shows in timelines and opens, but not in the panel; no settings, no From")
    void readRight() {
        MailboxRights rights = granted(true, false, false);

        assertEquals(List.of(false, false, true, false, false), abilities(rights, SHARED));
        assertEquals(List.of(OWN, SHARED), rights.timelineMailboxIds());
        assertEquals(List.of(OWN), rights.panelMailboxIds());
        assertEquals(List.of(OWN), rights.listedMailboxIds());
        assertEquals(List.of(OWN), rights.senderMailboxIds());
    }

    @Test
    @DisplayName("SM-02 SM-03 send: in From and its mail in the panel and timelines; no settings")
    void sendRight() {
        MailboxRights rights = granted(false, true, false);

        assertEquals(List.of(true, true, true, false, true), abilities(rights, SHARED));
        assertEquals(List.of(OWN, SHARED), rights.senderMailboxIds());
        assertEquals(List.of(OWN, SHARED), rights.panelMailboxIds());
        assertEquals(List.of(OWN, SHARED), rights.timelineMailboxIds());
    }

    @Test
    @DisplayName("SM-02 SM-03 configure: the settings and the panel list, its mail in timelines; not its mail in the "
            + "panel, not in From")
    void configureRight() {
        MailboxRights rights = granted(false, false, true);

        assertEquals(List.of(true, false, true, true, false), abilities(rights, SHARED));
        assertEquals(List.of(OWN, SHARED), rights.listedMailboxIds());
        assertEquals(List.of(OWN), rights.panelMailboxIds());
    }

    @Test
    @DisplayName("SM-02 a user's own row and their roles' rows add up")
    void rowsAddUp() {
        MailboxRights rights = MailboxRights.of(List.of(), List.of(new Granted(SHARED, true, true, true, true,
                false, false), new Granted(SHARED, true, true, true, false, false, true)));

        assertEquals(List.of(true, false, true, true, false), abilities(rights, SHARED));
    }

    @Test
    @DisplayName("SM-03 an outsider, named in no row, has no right at all")
    void outsider() {
        MailboxRights rights = granted(true, true, true);

        assertEquals(List.of(false, false, false, false, false), abilities(rights, OTHER));
        assertEquals(List.of(false, false, false, false, false), abilities(MailboxRights.none(), SHARED));
        assertFalse(rights.canManageAccess(OTHER, true));
    }

    @Test
    @DisplayName("SM-04 with \"access for other users\" off, the kept list has no effect")
    void sharingOff() {
        MailboxRights rights = MailboxRights.of(List.of(), List.of(new Granted(SHARED, false, true, true, true,
                true, true)));

        assertEquals(List.of(false, false, false, false, false), abilities(rights, SHARED));
        assertEquals(List.of(), rights.timelineMailboxIds());
    }

    @Test
    @DisplayName("MB-03 SM-02 a mailbox with \"send mail\" off is offered nowhere, to its owner nor to send holders")
    void sendOff() {
        MailboxRights rights = MailboxRights.of(List.of(new Owned(OWN, false, true)),
                List.of(new Granted(SHARED, true, false, true, false, true, false)));

        assertEquals(List.of(), rights.senderMailboxIds());
        assertEquals(List.of(OWN, SHARED), rights.panelMailboxIds());
    }

    @Test
    @DisplayName("MP-13 a mailbox whose provider has SMTP off is offered as sender nowhere, to its owner nor to send "
            + "holders, and is told as receive-only; its mail still shows in the panel")
    void receiveOnlyProvider() {
        MailboxRights rights = MailboxRights.of(List.of(new Owned(OWN, true, false)),
                List.of(new Granted(SHARED, true, true, false, false, true, false),
                        new Granted(OTHER, true, true, false, true, false, false)));

        assertEquals(List.of(), rights.senderMailboxIds());
        assertEquals(List.of(false, false), List.of(rights.canSend(OWN), rights.canSend(SHARED)));
        assertEquals(List.of(true, true, false), List.of(rights.receiveOnly(OWN), rights.receiveOnly(SHARED),
                rights.receiveOnly(OTHER)));
        assertEquals(List.of(OWN, SHARED), rights.panelMailboxIds());
        assertFalse(granted(false, true, false).receiveOnly(SHARED), "SMTP on: not receive-only");
    }

    @Test
    @DisplayName("SM-01 the access list and switching sharing on need configure and both operations; the owner may "
            + "always switch it off")
    void managingAccess() {
        MailboxRights rights = granted(true, true, true);
        MailboxRights reader = granted(true, true, false);

        assertTrue(rights.canManageAccess(OWN, true));
        assertFalse(rights.canManageAccess(OWN, false));
        assertTrue(rights.canManageAccess(SHARED, true));
        assertFalse(reader.canManageAccess(SHARED, true));
        assertTrue(rights.canSwitchSharing(OWN, true, true));
        assertFalse(rights.canSwitchSharing(OWN, true, false));
        assertTrue(rights.canSwitchSharing(OWN, false, false));
        assertFalse(rights.canSwitchSharing(SHARED, false, false));
        assertTrue(rights.canSwitchSharing(SHARED, false, true));
    }

    @Test
    @DisplayName("SM-02 an access row names a user or a role, with at least one right; each grantee once")
    void accessListRules() {
        MailboxAccessDraft user = new MailboxAccessDraft(1L, null, true, false, false);
        MailboxAccessDraft role = new MailboxAccessDraft(null, 1L, false, true, false);
        assertEquals(List.of(user, role), MailboxRules.accessList(List.of(user, role)));

        assertEquals("validation.mailbox.accessGrantee", refused(new MailboxAccessDraft(1L, 2L, true, true, true)));
        assertEquals("validation.mailbox.accessGrantee", refused(new MailboxAccessDraft(null, null, true, true,
                true)));
        assertEquals("validation.mailbox.accessNoRight", refused(new MailboxAccessDraft(1L, null, false, false,
                false)));
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> MailboxRules.accessList(List.of(user, new MailboxAccessDraft(1L, null, false, true, false))));
        assertEquals(List.of("validation.mailbox.accessDuplicate", "access"),
                List.of(twice.getMessageKey(), twice.getField()));
    }

    private static String refused(MailboxAccessDraft row) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MailboxRules.accessList(List.of(row)));
        assertEquals("access", e.getField());
        return e.getMessageKey();
    }

    @Test
    @DisplayName("SM-02 issue 18: the owner may grant any right; a configure grantee only what they hold (no send "
            + "without send), and nobody grants on a mailbox they have nothing of")
    void grantOnlyWhatOneHolds() {
        MailboxRights configurer = granted(false, false, true);
        MailboxRights sender = granted(false, true, true);

        assertTrue(configurer.mayGrant(OWN, true, true, true), "owner");
        assertTrue(configurer.mayGrant(SHARED, true, false, true), "read and configure");
        assertFalse(configurer.mayGrant(SHARED, false, true, false), "send without holding it");
        assertTrue(sender.mayGrant(SHARED, true, true, false), "send, held");
        assertFalse(granted(true, false, false).mayGrant(SHARED, false, false, true), "configure without holding it");
        assertFalse(configurer.mayGrant(OTHER, true, false, false), "a mailbox they have nothing of");
    }
}
