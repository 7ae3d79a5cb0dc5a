package org.switchboard.web.mail;

import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.Operations;

/**
 * What the designer's mail lookups share (MP-04, MP-09, MP-10): the guard every page of them checks before it loads,
 * besides {@code web.xml} and the service, and going back to a list with a message.
 */
final class MailPages {

    /** The lookup "Mail providers list" (MP-10). */
    static final String PROVIDERS = "/designer/mail/providers.xhtml";

    private MailPages() {
    }

    /**
     * Whether the caller holds {@code CanManageAdministration} (MP-09); otherwise answers 403 (the access-denied page)
     * and the page must not load.
     */
    static boolean allowed(SecurityContext security) throws IOException {
        if (security.isCallerInRole(Operations.CAN_MANAGE_ADMINISTRATION)) {
            return true;
        }
        Faces.responseSendError(HttpServletResponse.SC_FORBIDDEN, "CanManageAdministration required");
        return false;
    }

    /** Opens a page of the application with an information message. */
    static void goTo(String page, String messageKey, Object... arguments) throws IOException {
        Messages.addFlashGlobalInfo(messageKey, arguments);
        Faces.redirect(Faces.getRequestContextPath() + page);
    }
}
