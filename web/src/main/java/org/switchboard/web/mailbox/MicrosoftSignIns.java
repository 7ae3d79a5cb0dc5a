package org.switchboard.web.mailbox;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serial;
import org.switchboard.core.mailbox.MicrosoftMailboxSignIn;
import org.switchboard.web.common.SignIns;

/** The sign-ins with Microsoft for mailboxes that this session started and not yet finished (MO-01, MB-12). */
@SessionScoped
public class MicrosoftSignIns extends SignIns<MicrosoftMailboxSignIn> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Remembers a sign-in before the browser goes to Microsoft. */
    public void started(MicrosoftMailboxSignIn signIn, String returnTo) {
        started(signIn.state(), signIn, returnTo);
    }
}
