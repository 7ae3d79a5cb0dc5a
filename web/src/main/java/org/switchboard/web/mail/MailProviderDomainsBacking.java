package org.switchboard.web.mail;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.mail.MailProviderDomainView;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.core.mail.MailProviderView;
import org.switchboard.web.common.UiErrors;

/**
 * The lookup "Mail provider domains" (MP-04): which provider a domain's mailboxes belong to, filtered by domain or
 * provider; a domain is added here, or removed after confirmation.
 */
@Named
@ViewScoped
public class MailProviderDomainsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("domain", "newDomain:domain",
            "providerId", "newDomain:provider");

    @Inject
    private MailProviderService service;

    @Inject
    private SecurityContext security;

    private List<MailProviderDomainView> domains;
    private List<MailProviderDomainView> filtered;
    private List<MailProviderView> providers;
    private String domain;
    private Long providerId;

    public void load() throws IOException {
        if (domains == null && MailPages.allowed(security)) {
            domains = service.domains();
            providers = service.providers();
        }
    }

    public void add() {
        try {
            MailProviderDomainView added = service.addDomain(domain, providerId);
            Messages.addGlobalInfo("designer_mailProviderDomains.added", added.domain(), added.providerName());
            domain = null;
            domains = service.domains();
            filtered = null;
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    /** Removes a domain from the lookup, after the page asked. */
    public void remove(MailProviderDomainView row) {
        try {
            service.removeDomain(row.id());
            Messages.addGlobalInfo("designer_mailProviderDomains.removed", row.domain());
            domains = service.domains();
            filtered = null;
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public List<MailProviderDomainView> getDomains() {
        return domains;
    }

    public List<MailProviderDomainView> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<MailProviderDomainView> filtered) {
        this.filtered = filtered;
    }

    public List<MailProviderView> getProviders() {
        return providers;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public Long getProviderId() {
        return providerId;
    }

    public void setProviderId(Long providerId) {
        this.providerId = providerId;
    }
}
