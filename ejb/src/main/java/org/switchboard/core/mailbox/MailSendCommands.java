package org.switchboard.core.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.logging.Logger;
import org.switchboard.core.chat.InboundRejectedException;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.security.User;

/**
 * Takes the mailbox commands of the inbound queue in the inbound processor's transaction. A
 * {@link SendEmailCommand} (MB-03): finds the mailbox and the user, checks that the user may send from it, and stores
 * the e-mail PENDING, all in that transaction; a repeated {@code requestId} stores nothing. The SMTP work starts only
 * once that transaction has committed, in the background (and the retry timer catches a send whose start was lost).
 * A {@link MailboxSyncCommand} (MB-02) records a sync request, which starts after the commit as well. A command that
 * cannot be honoured is rejected with its reason, which the inbound processor keeps as a dead letter.
 */
@ApplicationScoped
public class MailSendCommands {

    private static final Logger LOG = Logger.getLogger(MailSendCommands.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private MailSendQueue queue;

    @Inject
    private MailSender sender;

    @Inject
    private MailboxSyncService syncs;

    @Inject
    private Event<Queued> queued;

    @Inject
    private Event<SyncRequested> syncRequested;

    /** An e-mail stored for a command, to be sent once its transaction commits. */
    public record Queued(long emailId) {
    }

    /** A mailbox whose sync a command requested, to start once its transaction commits. */
    public record SyncRequested(long mailboxId) {
    }

    /** Stores the command's e-mail PENDING in the caller's transaction, or nothing for a repeated requestId. */
    public void accept(SendEmailCommand command) {
        if (command.requestId() != null && !em.createNamedQuery(EmailMessage.BY_REQUEST_ID, EmailMessage.class)
                .setParameter("requestId", command.requestId()).getResultList().isEmpty()) {
            LOG.fine(() -> "SendEmailCommand " + command.requestId() + " repeated: nothing sent again");
            return;
        }
        Mailbox mailbox = em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class)
                .setParameter("address", command.mailbox().toLowerCase(Locale.ROOT)).getResultStream().findFirst()
                .orElseThrow(() -> new InboundRejectedException("UNKNOWN_MAILBOX",
                        "No mailbox " + command.mailbox() + " is connected"));
        User user = em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", command.user())
                .getResultStream().findFirst().orElseThrow(() -> new InboundRejectedException("UNKNOWN_USER",
                        "There is no user " + command.user()));
        long id;
        try {
            queue.senderMailbox(user, mailbox.getId());
            id = queue.store(user, mailbox, command.draft(mailbox.getId()), command.requestId());
        } catch (RecordNotFoundException e) {
            throw new InboundRejectedException("NOT_ALLOWED", "The user " + user.getLogin()
                    + " may not send from " + mailbox.getAddress());
        } catch (AccessDeniedException e) {
            throw new InboundRejectedException("SEND_DISABLED", "Sending is switched off for "
                    + mailbox.getAddress());
        } catch (BusinessException e) {
            // The message key names the rule, the field and arguments what broke it: enough to fix the request.
            throw new InboundRejectedException("INVALID_FIELD", e.getMessageKey()
                    + (e.getField() == null ? "" : " [" + e.getField() + "]") + " " + e.getArguments());
        }
        queued.fire(new Queued(id));
    }

    /** Records the request to load the mailbox's mail now; the run starts after the commit (or at the timer's tick). */
    public void accept(MailboxSyncCommand command) {
        Mailbox mailbox = em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class)
                .setParameter("address", command.mailbox()).getResultStream().findFirst()
                .orElseThrow(() -> new InboundRejectedException("UNKNOWN_MAILBOX",
                        "No mailbox " + command.mailbox() + " is connected"));
        em.createNamedQuery(Mailbox.REQUEST_SYNC).setParameter("id", mailbox.getId()).executeUpdate();
        syncRequested.fire(new SyncRequested(mailbox.getId()));
    }

    /** After the command's transaction committed: the sync runs on the container's asynchronous pool. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) SyncRequested event) {
        syncs.runInBackground(event.mailboxId());
    }

    /** After the command's transaction committed: the send starts on the container's asynchronous pool. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued event) {
        sender.deliverInBackground(event.emailId());
    }
}
