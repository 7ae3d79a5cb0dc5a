package org.switchboard.core.channel;

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
import java.util.logging.Logger;
import org.switchboard.model.chat.ChatAttachment;

/**
 * Fetches a customer's files from Telegram or Twilio right after their message is stored (TG-03, WA-02), so that they
 * are kept even if nobody opens them before the messenger forgets them. Each file in its own transaction, on the EJB
 * container's asynchronous threads. A file that cannot be fetched now stays a reference, fetched when first opened.
 */
@Stateless
@PermitAll
public class ChannelFilePrefetch {

    private static final Logger LOG = Logger.getLogger(ChannelFilePrefetch.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChannelFiles files;

    @Resource
    private SessionContext context;

    /** Fetches the attachments' files, one after the other. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void fetch(List<Long> attachmentIds) {
        ChannelFilePrefetch self = context.getBusinessObject(ChannelFilePrefetch.class);
        for (long id : attachmentIds) {
            try {
                self.fetchOne(id);
            } catch (RuntimeException e) {
                LOG.warning(() -> "File of attachment " + id + " not fetched now (fetched when opened): " + e);
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fetchOne(long attachmentId) {
        ChatAttachment attachment = em.find(ChatAttachment.class, attachmentId);
        if (attachment == null || attachment.getContent() != null) {
            return;
        }
        files.fetch(attachment.getMessage().getChannel(), attachment.getSourceUrl(), attachment.getFileName(),
                attachment.getContentType()).ifPresent(file -> attachment.fetched(file.content()));
    }
}
