package org.switchboard.core.exchange;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * A sign-in with Microsoft under way (MO-01): where to send the browser, and what to keep until the callback comes
 * back (in the user's session) to check its {@code state} and redeem its code with the PKCE verifier. The verifier
 * never appears in {@link #toString()}.
 *
 * @param authorizationUrl the Entra ID authorize endpoint with every parameter of the request
 * @param state the random value the callback must bring back unchanged
 * @param verifier the PKCE code verifier whose S256 challenge went with the request
 * @param redirectUri the callback the code is sent to, given again when it is redeemed
 * @param scopes the delegated permissions asked for
 */
public record MicrosoftSignIn(String authorizationUrl, String state, String verifier, String redirectUri,
        List<String> scopes) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public MicrosoftSignIn {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "MicrosoftSignIn[redirectUri=" + redirectUri + ", scopes=" + scopes + ", state=***, verifier=***]";
    }
}
