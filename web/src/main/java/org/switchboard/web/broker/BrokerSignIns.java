package org.switchboard.web.broker;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serial;
import org.switchboard.core.broker.BrokerSignIn;
import org.switchboard.web.common.SignIns;

/** The sign-ins through the identity broker that this session started and not yet finished (FB-01). */
@SessionScoped
public class BrokerSignIns extends SignIns<BrokerSignIn> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Remembers a sign-in before the browser goes to the broker. */
    public void started(BrokerSignIn signIn, String returnTo) {
        started(signIn.state(), signIn, returnTo);
    }
}
