package org.switchboard.core.security;

import java.util.Set;
import org.switchboard.core.common.Operations;

/**
 * The outcome of a successful sign-in: the caller's login, name, preferred UI language and security groups
 * (the operations they hold, plus {@value Operations#ADMINISTRATORS} for its members).
 */
public record AuthenticatedCaller(String login, String displayName, String locale, Set<String> groups) {
}
