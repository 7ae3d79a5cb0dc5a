package org.switchboard.core.mail;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A mail provider was created, changed or deleted, or a domain of the lookup "Mail provider domains" was added,
 * moved to another provider, removed or learned from a mailbox (MP-04, MP-09, MP-10, X-03). Carries nothing secret.
 *
 * @param name       the provider's name, or the domain
 * @param providerId the provider concerned (for a provider, its own id)
 */
public record MailProviderChanged(Kind entity, long id, String name, long providerId, Change change)
        implements DomainEvent {

    public static final String TYPE = EventTypes.MAIL_PROVIDER_CHANGED;

    /** What kind of record changed. */
    public enum Kind {
        PROVIDER, DOMAIN
    }

    /** How it changed; LEARNED is a domain added by a user who picked its provider for a new mailbox (MP-04). */
    public enum Change {
        CREATED, UPDATED, DELETED, LEARNED
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String subject() {
        return name;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("entity", entity.name()).add("id", id).add("name", name).add("providerId", providerId)
                .add("change", change.name());
    }
}
