package org.switchboard.web.crm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.core.crm.CrmLink;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailDetail;

/**
 * The contacts and accounts an e-mail shown in a reader is linked to (MB-04), for the panel's and the timelines'
 * readers: {@code #{emailLinks.of(email)}}, asked once per request.
 */
@Named
@RequestScoped
public class EmailLinks {

    @Inject
    private CrmService crm;

    private Long shownId;
    private List<CrmLink> links;

    public List<CrmLink> of(EmailDetail email) {
        if (email == null) {
            return List.of();
        }
        if (links == null || shownId != email.id()) {
            links = crm.linksOf(addresses(email));
            shownId = email.id();
        }
        return links;
    }

    /** Every address the e-mail carries: sender and recipients. */
    static Set<String> addresses(EmailDetail email) {
        Set<String> addresses = new LinkedHashSet<>();
        if (email.fromAddress() != null) {
            addresses.add(email.fromAddress());
        }
        email.to().forEach(r -> addresses.add(r.address()));
        email.cc().forEach(r -> addresses.add(r.address()));
        email.bcc().forEach(r -> addresses.add(r.address()));
        return addresses;
    }
}
