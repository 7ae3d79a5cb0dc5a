package org.switchboard.core.security;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * One grant of an operation to a user or a role.
 *
 * @param granteeType {@code USER} or {@code ROLE}
 */
public record GrantView(long id, String operation, String granteeType, long granteeId, String granteeName,
                        OffsetDateTime grantedAt, String grantedBy) implements Serializable {

    public static final String USER = "USER";
    public static final String ROLE = "ROLE";
}
