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
import java.util.List;
import java.util.Optional;
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

    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void resolve(List<Long> identityIds) {
        SenderNames self = context.getBusinessObject(SenderNames.class);
        for (long id : identityIds) {
            try {
                self.unnamed(id).ifPresent(unnamed -> adapters.of(unnamed.channel().getProvider())
                        .senderName(unnamed.channel(), unnamed.externalId())
                        .ifPresent(name -> self.name(id, name)));
            } catch (RuntimeException e) {
                LOG.warning(() -> "The name of contact identity " + id + " was not read from the messenger: " + e);
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<Unnamed> unnamed(long identityId) {
        ContactIdentity identity = em.find(ContactIdentity.class, identityId);
        if (identity == null || identity.getDisplayName() != null) {
            return Optional.empty();
        }
        Channel channel = em.createNamedQuery(Channel.WITH_PROPERTIES, Channel.class)
                .setParameter("id", identity.getChannel().getId()).getSingleResult();
        return Optional.of(new Unnamed(identityId, channel, identity.getExternalId()));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void name(long identityId, String name) {
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
    }
}
