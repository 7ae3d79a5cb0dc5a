package org.switchboard.core.mailbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.security.User;

/**
 * Sending e-mail from the panel and over REST (MB-03, MB-09, MB-11): the "From" choices, and a send that stores the
 * e-mail PENDING and commits, then talks to the SMTP server with no transaction open, and answers SENT or the
 * server's reason. A failed send stays stored as FAILED; the caller keeps the draft.
 */
@Stateless
@PermitAll
public class MailSendService {

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    @Inject
    private MailSendService self;

    @Inject
    private MailSendQueue queue;

    @Inject
    private MailSender sender;

    /**
     * The mailboxes the caller may send from, the default sender first (MB-03, MB-09). The decision is
     * {@link MailSendQueue#sendersOf}, the one place where shared mailboxes' send rights (SM-02) are to be added.
     */
    public List<SenderView> senders() {
        User me = me();
        return queue.sendersOf(me).stream().map(m -> new SenderView(m.getId(), m.getAddress(),
                m.isUseAlias() ? m.getAlias() : null,
                m.isDefaultSender() && m.getOwner().getId().equals(me.getId()))).toList();
    }

    /**
     * Sends the draft now: stored PENDING and committed first, then sent, then saved to Sent. A refusal by the server
     * is a {@link ProviderException} (REST 502) carrying the server's reason; the e-mail stays stored as FAILED.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SentEmailView send(EmailDraft draft) {
        long id = self.store(draft);
        SentEmailView result = sender.deliver(id, true);
        if (MailSender.failed(result)) {
            throw new ProviderException("error.email.sendFailed", null, result.error());
        }
        return result;
    }

    /** Checks the draft and stores it PENDING, in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public long store(EmailDraft draft) {
        if (draft == null || draft.mailboxId() == null) {
            throw new InvalidInputException("validation.required", "mailboxId");
        }
        User me = me();
        Mailbox mailbox = queue.senderMailbox(me, draft.mailboxId());
        return queue.store(me, mailbox, draft, null, null);
    }

    /** Where one of the caller's sends stands. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public SentEmailView status(long emailId) {
        EmailMessage email = em.find(EmailMessage.class, emailId);
        if (email == null || email.getSendStatus() == null || email.getSentBy() == null
                || !email.getSentBy().getLogin().equals(Callers.login(context))) {
            throw new RecordNotFoundException("Email", emailId);
        }
        return new SentEmailView(emailId, email.getMailbox().getId(), email.getSendStatus(), email.getMessageId(),
                email.getSendError(), email.getSendWarning(),
                email.getFolder() == null ? null : email.getFolder().getFullName());
    }

    private User me() {
        String login = Callers.login(context);
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).getResultStream()
                .findFirst().orElseThrow(() -> new RecordNotFoundException("User", login));
    }
}
