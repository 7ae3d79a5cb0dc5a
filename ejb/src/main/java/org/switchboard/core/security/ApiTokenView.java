package org.switchboard.core.security;

import java.io.Serializable;
import java.time.OffsetDateTime;
import org.switchboard.model.security.ApiToken;

/**
 * A personal API token as lists show it (X-02, issue 18): never the token nor its hash, only the first characters
 * after {@code sbt_} to tell tokens apart.
 *
 * @param prefix    the first characters of the token after {@code sbt_}
 * @param expiresAt when the token stops working; {@code null} when it works until it is revoked
 * @param expired   whether it has stopped working
 */
public record ApiTokenView(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                           OffsetDateTime expiresAt, boolean expired) implements Serializable {

    static ApiTokenView of(ApiToken token, OffsetDateTime now) {
        return new ApiTokenView(token.getId(), token.getName(), token.getPrefix(), token.getCreatedAt(),
                token.getLastUsedAt(), token.getExpiresAt(), ApiTokenRules.expired(token.getExpiresAt(), now));
    }
}
