package org.switchboard.core.security;

import java.io.Serializable;

/**
 * A user who holds an operation, and how: {@code DIRECT} (granted to them), {@code ROLE} (through the role named in
 * {@code via}) or {@code ADMINISTRATOR} (members of Administrators hold every operation).
 */
public record HolderView(long userId, String login, String displayName, boolean enabled, String how, String via) implements Serializable {

    public static final String DIRECT = "DIRECT";
    public static final String ROLE = "ROLE";
    public static final String ADMINISTRATOR = "ADMINISTRATOR";
}
