package org.switchboard.core.security;

import java.util.Set;

/**
 * What an administrator enters for a new user, or the changes to an existing one (then the password is ignored).
 *
 * @param roleIds the roles the user belongs to; {@code null} leaves the membership as it is on update
 */
public record UserDraft(String login, String displayName, String email, String password, boolean enabled,
                        String locale, Set<Long> roleIds) {
}
