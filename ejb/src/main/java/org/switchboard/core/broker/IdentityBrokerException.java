package org.switchboard.core.broker;

import java.io.Serial;
import org.switchboard.core.common.ProviderException;

/**
 * The identity broker could not complete a sign-in (FB-01): unreachable, not an OpenID Connect server, refusing the
 * client, or holding no token of the provider. The message names the cause and the broker setting that fixes it.
 */
public class IdentityBrokerException extends ProviderException {

    @Serial
    private static final long serialVersionUID = 1L;

    public IdentityBrokerException(String messageKey, Object... arguments) {
        super(messageKey, null, arguments);
    }
}
