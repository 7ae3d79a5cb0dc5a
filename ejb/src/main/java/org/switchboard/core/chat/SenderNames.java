package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.crm.ContactIdentity;

/**
 * Asks the messenger for the name of a customer whose messages carry none (Messenger gives only a page-scoped id:
 * {@code GET /{PSID}?fields=first_name,last_name}), once, right after their first message is stored, and keeps it on
 * the identity and, while the contact is still named by that id, on the contact. On the EJB container's asynchronous
 * threads, the messenger asked outside any transaction; a failure leaves the id as the name, logged.
 */
@Stateless
@PermitAll
public class SenderNames {

    private static final Logger LOG = Logger.getLogger(SenderNames.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChannelAdapters adapters;

    @Resource
    private SessionContext context;

    /** What asking for one identity's name needs: its channel with its settings, and the id there. */
    public record Unnamed(long identityId, Channel channel, String externalId) {
    }

    /**
     * Asks for the names of a batch's new identities: read in one transaction, asked one by one outside any, and kept
     * in one transaction, so that a burst of new customers costs two commits per batch rather than two per customer
     * (with durable commits each is a disk flush, which the messages being stored then wait behind).
     */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void resolve(List<Long> identityIds) {
        SenderNames self = context.getBusinessObject(SenderNames.class);
        List<Unnamed> unnamed;
        try {
            unnamed = self.unnamed(identityIds);
        } catch (RuntimeException e) {
            LOG.warning(() -> "The names of " + identityIds.size() + " contact identities were not read: " + e);
            return;
        }
        Map<Long, String> names = new LinkedHashMap<>();
        for (Unnamed one : unnamed) {
            try {
                adapters.of(one.channel().getProvider()).senderName(one.channel(), one.externalId())
                        .ifPresent(name -> names.put(one.identityId(), name));
            } catch (RuntimeException e) {
                LOG.warning(() -> "The name of contact identity " + one.identityId() + " was not read from the "
                        + "messenger: " + e);
            }
        }
        if (!names.isEmpty()) {
            try {
                self.name(names);
            } catch (RuntimeException e) {
                LOG.warning(() -> "The names of " + names.size() + " contact identities were not kept: " + e);
            }
        }
    }

    /** The identities that still have no name, each with its channel (read once per channel). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<Unnamed> unnamed(List<Long> identityIds) {
        Map<Long, Channel> channels = new HashMap<>();
        List<Unnamed> unnamed = new ArrayList<>();
        for (long identityId : identityIds) {
            ContactIdentity identity = em.find(ContactIdentity.class, identityId);
            if (identity == null || identity.getDisplayName() != null) {
                continue;
            }
            Channel channel = channels.computeIfAbsent(identity.getChannel().getId(), id -> em.createNamedQuery(
                    Channel.WITH_PROPERTIES, Channel.class).setParameter("id", id).getSingleResult());
            unnamed.add(new Unnamed(identityId, channel, identity.getExternalId()));
        }
        return unnamed;
    }

    /** Keeps the names given, each on its identity and, while the contact is still named by the id, on it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void name(Map<Long, String> names) {
        names.forEach((identityId, name) -> {
            ContactIdentity identity = em.find(ContactIdentity.class, identityId);
            if (identity == null || identity.getDisplayName() != null) {
                return;
            }
            String shown = ChatTexts.truncate(name, ContactIdentity.DISPLAY_NAME_MAX);
            identity.setDisplayName(shown);
            Contact contact = identity.getContact();
            if (contact.getName().equals(identity.getExternalId())) {
                contact.setName(ChatTexts.truncate(name, Contact.NAME_MAX));
            }
        });
    }
}
