package org.switchboard.core.security;

import java.io.Serializable;
import java.util.List;

/**
 * A role as the designer and the REST API show it, with its members' logins and the operations granted to it.
 *
 * @param systemRole the role is shipped (Administrators): it cannot be renamed or deleted
 */
public record RoleView(long id, long version, String name, String description, boolean systemRole,
                       List<Member> members, List<String> operations) implements Serializable {

    /** A member of the role. */
    public record Member(long id, String login, String displayName, boolean enabled) implements Serializable {
    }
}
