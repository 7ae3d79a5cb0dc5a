package org.switchboard.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.switchboard.core.security.AuthenticationService;

/**
 * The application's own identity store: validates a login and password against Switchboard's users and gives
 * the caller's groups, which are the system operations they hold, so that {@code @RolesAllowed} and
 * {@code isUserInRole} enforce operations everywhere.
 */
@ApplicationScoped
public class SwitchboardIdentityStore implements IdentityStore {

    @Inject
    private AuthenticationService authentication;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return authentication.authenticate(login.getCaller(), login.getPasswordAsString(),
                        credential instanceof FormCredential)
                .map(caller -> new CredentialValidationResult(caller.login(), caller.groups()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
