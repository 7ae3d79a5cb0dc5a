package org.switchboard.web.mail;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.core.mail.MailProviderView;

/** The lookup "Mail providers list" (MP-10): every provider with its servers and domains, each opening its form. */
@Named
@ViewScoped
public class MailProvidersBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private MailProviderService service;

    @Inject
    private SecurityContext security;

    private List<MailProviderView> providers;

    public void load() throws IOException {
        if (providers == null && MailPages.allowed(security)) {
            providers = service.providers();
        }
    }

    public List<MailProviderView> getProviders() {
        return providers;
    }

    /** Where the provider's mail goes: the IMAP/SMTP hosts, or the Exchange service address. */
    public String servers(MailProviderView provider) {
        if (provider.serviceAddress() != null) {
            return provider.serviceAddress();
        }
        return provider.smtpEnabled() ? provider.imapHost() + ", " + provider.smtpHost() : provider.imapHost();
    }
}
