package org.switchboard.core.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.logging.Logger;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.inbound.InboundBatch;
import org.switchboard.core.inbound.InboundHandler;
import org.switchboard.core.inbound.InboundRefusedException;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.core.inbound.Submitter;
import org.switchboard.core.security.AuthenticationService;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.security.User;

/**
 * Takes {@code SendEmailCommand}s (X-03, MB-03) in the inbound processor's transaction. Over REST the command sends
 * as its caller, or as the user it names when the caller holds {@code CanActOnBehalfOfUsers}; on the queue it sends
 * as the user it names (the broker is the boundary). Either way that user must be allowed to send from the mailbox.
 * The e-mail is stored PENDING with who submitted it; a repeated {@code requestId} stores nothing. The SMTP work
 * starts once the transaction has committed, in the background (and the retry timer catches a start that was lost).
 */
@ApplicationScoped
public class SendEmailCommandHandler implements InboundHandler<SendEmailCommand> {

    private static final Logger LOG = Logger.getLogger(SendEmailCommandHandler.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private MailSendQueue queue;

    @Inject
    private MailSender sender;

    @Inject
    private AuthenticationService users;

    /** The user a command sends as, and the mailbox it sends from. */
    private record Sending(User user, Mailbox mailbox) {
    }

    @Override
    public String type() {
        return SendEmailCommand.TYPE;
    }

    @Override
    public SendEmailCommand parse(int version, String body) {
        return SendEmailCommand.parse(body);
    }

    @Override
    public String key(SendEmailCommand command) {
        return command.requestId();
    }

    @Override
    public void authorize(SendEmailCommand command, Submitter submitter) {
        sending(command, submitter);
    }

    @Override
    public void handle(InboundBatch batch, SendEmailCommand command, Submitter submitter) {
        if (command.requestId() != null && !em.createNamedQuery(EmailMessage.BY_REQUEST_ID, EmailMessage.class)
                .setParameter("requestId", command.requestId()).getResultList().isEmpty()) {
            LOG.fine(() -> "SendEmailCommand " + command.requestId() + " repeated: nothing sent again");
            return;
        }
        Sending sending = sending(command, submitter);
        long id;
        try {
            id = queue.store(sending.user(), sending.mailbox(), command.draft(sending.mailbox().getId()),
                    command.requestId(), submitter.actor());
        } catch (BusinessException e) {
            // The message key names the rule, the field and arguments what broke it: enough to fix the request.
            throw new InboundRejectedException("INVALID_FIELD", e.getMessageKey()
                    + (e.getField() == null ? "" : " [" + e.getField() + "]") + " " + e.getArguments());
        }
        batch.afterCommit(() -> sender.deliverInBackground(id));
    }

    /**
     * The user the command sends as and its mailbox, once the submitter may have it sent: over REST a refusal (403)
     * whatever the cause, so that nothing about other people's mailboxes is revealed; from the queue the cause.
     */
    private Sending sending(SendEmailCommand command, Submitter submitter) {
        boolean rest = submitter.via() == Submitter.Via.REST;
        String login;
        if (rest) {
            login = command.user() == null ? submitter.name() : normalize(command.user());
            if (!login.equals(submitter.name())
                    && !users.holds(submitter.name(), Operations.CAN_ACT_ON_BEHALF_OF_USERS)) {
                throw new InboundRefusedException(submitter.name() + " may not send as " + login + ": that needs "
                        + Operations.CAN_ACT_ON_BEHALF_OF_USERS);
            }
        } else if (command.user() == null) {
            throw new InboundRejectedException("MISSING_FIELD",
                    "user (a string) is required: on the queue a command names the user it sends as");
        } else {
            login = normalize(command.user());
        }
        String notAllowed = login + " may not send from " + command.mailbox();
        Mailbox mailbox = em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class)
                .setParameter("address", command.mailbox().toLowerCase(Locale.ROOT)).getResultStream().findFirst()
                .orElseThrow(() -> rest ? new InboundRefusedException(notAllowed)
                        : new InboundRejectedException("UNKNOWN_MAILBOX", "No mailbox " + command.mailbox()
                                + " is connected"));
        User user = em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).getResultStream()
                .findFirst().orElseThrow(() -> rest ? new InboundRefusedException(notAllowed)
                        : new InboundRejectedException("UNKNOWN_USER", "There is no user " + login));
        try {
            queue.senderMailbox(user, mailbox.getId());
        } catch (RecordNotFoundException e) {
            throw new InboundRefusedException(notAllowed);
        } catch (InvalidInputException e) {
            // MP-13: not a matter of rights; over REST a 400 with the reason, on the queue a dead letter.
            throw new InboundRejectedException("RECEIVE_ONLY", mailbox.getAddress() + " only receives mail: the "
                    + "outgoing (SMTP) server of its provider is switched off");
        } catch (AccessDeniedException e) {
            if (rest) {
                throw new InboundRefusedException(notAllowed + ": sending is switched off for it");
            }
            throw new InboundRejectedException("SEND_DISABLED", "Sending is switched off for " + mailbox.getAddress());
        }
        return new Sending(user, mailbox);
    }

    private static String normalize(String login) {
        return login.strip().toLowerCase(Locale.ROOT);
    }
}
