package org.switchboard.core.common;

import java.io.Serial;

/**
 * A provider (a mail server, a messenger's API) failed or refused in a way the user cannot fix in the form: host
 * unreachable, TLS refused, an unexpected answer. REST answers 502 with the message; the reason from the provider
 * is an argument of it.
 */
public class ProviderException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ProviderException(String messageKey, String field, Object... arguments) {
        super(messageKey, field, arguments);
    }
}
