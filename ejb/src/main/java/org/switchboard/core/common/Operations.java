package org.switchboard.core.common;

import java.util.List;

/**
 * The codes of the system operations (X-02, X-05, SM-01), spelled as in the requirements. A caller's
 * security groups are the operations granted to them directly or through a role, so each code is also a
 * role name for {@code @RolesAllowed}, {@code isCallerInRole} and {@code web.xml} constraints.
 */
public final class Operations {

    /** Access to the "Administration" workplace: the designer's settings, users, roles and grants. */
    public static final String CAN_MANAGE_ADMINISTRATION = "CanManageAdministration";
    /** Access to the "Chat settings" section (CH-01). */
    public static final String CAN_MANAGE_CHATS = "CanManageChats";
    /** Access to shared mailbox connection (SM-01). */
    public static final String CAN_CONNECT_SHARED_MAILBOX = "CanConnectSharedMailbox";
    /** Shared mailbox sync setup (SM-01). */
    public static final String CAN_MANAGE_SHARED_MAILBOX_SYNC = "CanManageSharedMailboxSync";
    /**
     * Acting for another user in an inbound command: a {@code SendEmailCommand} posted over REST that names a
     * user other than the caller. Granted to integration accounts; without it a command acts as its caller.
     */
    public static final String CAN_ACT_ON_BEHALF_OF_USERS = "CanActOnBehalfOfUsers";

    /**
     * The group of the members of the system role "Administrators". Its members also hold every operation,
     * so a guard names the operation only.
     */
    public static final String ADMINISTRATORS = "Administrators";

    /** Every operation, in catalogue order. */
    public static final List<String> ALL = List.of(CAN_MANAGE_ADMINISTRATION, CAN_MANAGE_CHATS,
            CAN_CONNECT_SHARED_MAILBOX, CAN_MANAGE_SHARED_MAILBOX_SYNC, CAN_ACT_ON_BEHALF_OF_USERS);

    private Operations() {
    }
}
