package org.switchboard.core.broker;

import java.io.Serial;
import java.io.Serializable;

/**
 * A sign-in through the identity broker that has been started (FB-01): what the browser is sent to, and what the
 * callback is checked and completed with. Kept in the administrator's session until the broker redirects back; the
 * verifier never leaves the server.
 *
 * @param alias            the broker's identity provider the sign-in goes to (Keycloak's {@code kc_idp_hint})
 * @param state            the random value the callback must bring back unchanged (RFC 6749 §10.12)
 * @param verifier         the PKCE code verifier (RFC 7636) whose S256 challenge went with the request
 * @param redirectUri      the callback address, which the token request repeats
 * @param authorizationUrl where the browser goes to sign in
 * @param tokenEndpoint    where the code is exchanged, from the broker's discovery document
 */
public record BrokerSignIn(String alias, String state, String verifier, String redirectUri, String authorizationUrl,
        String tokenEndpoint) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "BrokerSignIn[" + alias + "]";
    }
}
