package org.switchboard.core.security;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * A user as the designer and the REST API show it: never the password hash.
 *
 * @param administrator whether the user is a member of the system role "Administrators"
 */
public record UserView(long id, long version, String login, String displayName, String email, boolean enabled,
                       String locale, List<RoleRef> roles, boolean administrator, OffsetDateTime createdAt,
                       OffsetDateTime lastLoginAt) implements Serializable {

    /** A role the user belongs to. */
    public record RoleRef(long id, String name) implements Serializable {
    }

    static UserView of(User user) {
        List<RoleRef> roles = user.getRoles().stream()
                .sorted(java.util.Comparator.comparing(Role::getName))
                .map(r -> new RoleRef(r.getId(), r.getName()))
                .toList();
        boolean administrator = user.getRoles().stream().anyMatch(Role::isAdministrators);
        return new UserView(user.getId(), user.getVersion(), user.getLogin(), user.getDisplayName(), user.getEmail(),
                user.isEnabled(), user.getLocale(), roles, administrator, user.getCreatedAt(), user.getLastLoginAt());
    }
}
