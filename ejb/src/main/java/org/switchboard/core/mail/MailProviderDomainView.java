package org.switchboard.core.mail;

import java.io.Serializable;

/** A row of the lookup "Mail provider domains" (MP-04): a domain and the provider its mailboxes belong to. */
public record MailProviderDomainView(long id, long version, String domain, long providerId, String providerName)
        implements Serializable {
}
