package org.switchboard.core.mailbox;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.switchboard.core.exchange.EntraException;
import org.switchboard.core.exchange.EwsException;
import org.switchboard.core.exchange.EwsMailClient;
import org.switchboard.core.exchange.EwsMailbox;
import org.switchboard.core.exchange.GraphException;
import org.switchboard.core.exchange.GraphMailClient;
import org.switchboard.core.exchange.GraphMailbox;
import org.switchboard.core.exchange.MicrosoftTokenStore;
import org.switchboard.model.mailbox.SendStatus;

/**
 * Sends a stored PENDING e-mail over the mailbox's SMTP server and saves it to its Sent folder (MB-03). An attempt
 * first claims the e-mail with a conditional update, so that a user's send, the background send of a
 * {@code SendEmailCommand} and the retry timer never send one e-mail twice; no transaction is open while a server is
 * talked to. A refusal is final and recorded with the server's own words; a failure that may pass (unreachable, a
 * 4xx answer) leaves a background send PENDING for a retry, at most {@value #ATTEMPTS_MAX} attempts. Failing to
 * save to Sent leaves the send SENT with a warning.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
    /** The most attempts of a background send before it fails for good. */
    static final int ATTEMPTS_MAX = 5;
    /** A PENDING send this old with no claim is retried (it survived a restart, or its last attempt could not pass). */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    @Inject
    MailSendStore store;

    @Inject
    MailConnector connector;

    @Inject
    private MailSender self;

    @Inject
    private Clock clock;

    @Inject
    private GraphMailClient graph;

    @Inject
    private MicrosoftTokenStore tokens;

    @Inject
    private EwsMailClient ews;

    /**
     * One attempt now, in the caller's thread. {@code interactive}: the user waits and decides, so any failure is
     * final (the draft stays in the form); otherwise a failure that may pass is retried by the timer.
     *
     * @return where the send stands; PENDING when another attempt holds it
     */
    public SentEmailView deliver(long emailId, boolean interactive) {
        MailSendStore.Claim claim = store.claim(emailId);
        if (!claim.taken()) {
            return store.view(emailId);
        }
        MailSendStore.Attempt attempt = store.attempt(emailId);
        if (claim.afterCutOff() && foundInSent(attempt)) {
            return store.view(emailId);
        }
        if (attempt.transport() != MailTransport.IMAP) {
            if (claim.afterCutOff() && foundInSentItems(attempt)) {
                return store.view(emailId);
            }
            return attempt.transport() == MailTransport.GRAPH ? deliverOverGraph(attempt, interactive)
                    : deliverOverEws(attempt, interactive);
        }
        MimeMessage message;
        try {
            if (attempt.smtp() == null) {
                throw new MessagingException("The provider of " + attempt.mailbox() + " has no SMTP server");
            }
            message = MailComposer.build(Session.getInstance(new Properties()), attempt.mail());
            try (Transport transport = connector.smtp(attempt.smtp())) {
                transport.connect(attempt.smtp().host(), attempt.smtp().port(), attempt.login(), attempt.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException | RuntimeException e) {
            MailFailure failure = MailFailure.of(e);
            String reason = attempt.smtp() == null ? failure.detail()
                    : attempt.smtp().host() + ": " + failure.detail();
            boolean retry = !interactive && mayPass(e, failure) && attempt.attempt() < ATTEMPTS_MAX;
            LOG.log(Level.WARNING, "Send of e-mail " + emailId + " (attempt " + attempt.attempt() + ") failed"
                    + (retry ? ", will be retried: " : ": ") + failure + " (" + MailFailure.describe(e) + ")");
            if (retry) {
                store.release(emailId, reason);
            } else {
                store.failed(attempt, failure.reason(), reason);
            }
            return store.view(emailId);
        }
        store.sent(attempt);
        LOG.info(() -> "E-mail " + emailId + " sent from mailbox " + attempt.mailboxId());
        saveToSent(attempt, message);
        return store.view(emailId);
    }

    /**
     * MB-03 over Microsoft Graph: the same MIME as over SMTP, sent with {@code sendMail}, which saves it to Sent Items
     * (the sync then finds it there by its Message-ID and does not store it twice). A refused token is refreshed once;
     * an unreachable or throttling Graph, or a transient sign-in failure, leaves a background send for a retry. A
     * sign-in that is gone fails the send with that reason (the mailbox is flagged). A cut-off attempt is looked for
     * in Sent Items first ({@link #foundInSentItems}).
     */
    private SentEmailView deliverOverGraph(MailSendStore.Attempt attempt, boolean interactive) {
        long emailId = attempt.emailId();
        MailFailure failure;
        boolean mayPass;
        try {
            MimeMessage message = MailComposer.build(Session.getInstance(new Properties()), attempt.mail());
            ByteArrayOutputStream mime = new ByteArrayOutputStream();
            message.writeTo(mime);
            GraphMailbox mailbox = new GraphMailbox(attempt.mailbox(), true, tokens.accessToken(attempt.mailboxId()));
            try {
                graph.sendMail(mailbox, mime.toByteArray());
            } catch (GraphException e) {
                if (e.outcome() != GraphException.Outcome.TOKEN_REJECTED) {
                    throw e;
                }
                graph.sendMail(mailbox.withToken(tokens.replaceRejected(attempt.mailboxId(), mailbox.accessToken())),
                        mime.toByteArray());
            }
            store.sent(attempt);
            LOG.info(() -> "E-mail " + emailId + " sent over Microsoft Graph from mailbox " + attempt.mailboxId());
            return store.view(emailId);
        } catch (GraphException e) {
            mayPass = e.outcome() == GraphException.Outcome.UNAVAILABLE
                    || e.outcome() == GraphException.Outcome.THROTTLED;
            failure = new MailFailure(mayPass ? MailFailure.Reason.UNREACHABLE : MailFailure.Reason.SERVER,
                    "Microsoft Graph: " + e.getMessage());
        } catch (EntraException e) {
            mayPass = e.outcome() == EntraException.Outcome.TRANSIENT;
            failure = new MailFailure(mayPass ? MailFailure.Reason.UNREACHABLE : MailFailure.Reason.AUTHENTICATION,
                    "Microsoft sign-in: " + e.getMessage());
        } catch (MessagingException | IOException | RuntimeException e) {
            mayPass = false;
            failure = MailFailure.of(e);
        }
        return sendFailed(attempt, interactive, mayPass, failure);
    }

    /**
     * MB-03 over EWS (Exchange Server): the same MIME as over SMTP, sent with {@code CreateItem} and
     * {@code SendAndSaveCopy}, which keeps it in Sent Items (the sync finds it there by its Message-ID). An unreachable
     * or busy server leaves a background send for a retry; a refused sign-in or message fails it with Exchange's words.
     * A mailbox signed in with Microsoft sends with its access token, refreshed once when Exchange refuses it; a
     * cut-off attempt is looked for in Sent Items first ({@link #foundInSentItems}).
     */
    private SentEmailView deliverOverEws(MailSendStore.Attempt attempt, boolean interactive) {
        long emailId = attempt.emailId();
        MailFailure failure;
        boolean mayPass;
        try {
            if (attempt.ews() == null) {
                throw new EwsException(EwsException.Outcome.SIGN_IN_FAILED, null,
                        "the mailbox has no EWS sign-in stored", null);
            }
            MimeMessage message = MailComposer.build(Session.getInstance(new Properties()), attempt.mail());
            ByteArrayOutputStream mime = new ByteArrayOutputStream();
            message.writeTo(mime);
            EwsMailbox mailbox = EwsAccess.signedIn(attempt.ews(), attempt.mailboxId(), tokens);
            try {
                ews.send(mailbox, mime.toByteArray());
            } catch (EwsException e) {
                EwsMailbox replaced = e.outcome() == EwsException.Outcome.SIGN_IN_FAILED
                        ? EwsAccess.tokenReplaced(mailbox, attempt.mailboxId(), tokens) : null;
                if (replaced == null) {
                    throw e;
                }
                // MO-02: Exchange refused the access token (revoked, or expired early): once more with a new one.
                ews.send(replaced, mime.toByteArray());
            }
            store.sent(attempt);
            LOG.info(() -> "E-mail " + emailId + " sent over EWS from mailbox " + attempt.mailboxId());
            return store.view(emailId);
        } catch (EwsException e) {
            mayPass = e.outcome() == EwsException.Outcome.UNAVAILABLE || e.outcome() == EwsException.Outcome.THROTTLED;
            failure = new MailFailure(mayPass ? MailFailure.Reason.UNREACHABLE
                    : e.outcome() == EwsException.Outcome.SIGN_IN_FAILED ? MailFailure.Reason.AUTHENTICATION
                    : MailFailure.Reason.SERVER, "Exchange: " + e.getMessage());
        } catch (EntraException e) {
            mayPass = e.outcome() == EntraException.Outcome.TRANSIENT;
            failure = new MailFailure(mayPass ? MailFailure.Reason.UNREACHABLE : MailFailure.Reason.AUTHENTICATION,
                    "Microsoft sign-in: " + e.getMessage());
        } catch (MessagingException | IOException | RuntimeException e) {
            mayPass = false;
            failure = MailFailure.of(e);
        }
        return sendFailed(attempt, interactive, mayPass, failure);
    }

    private SentEmailView sendFailed(MailSendStore.Attempt attempt, boolean interactive, boolean mayPass,
            MailFailure failure) {
        long emailId = attempt.emailId();
        boolean retry = !interactive && mayPass && attempt.attempt() < ATTEMPTS_MAX;
        LOG.warning(() -> "Send of e-mail " + emailId + " over " + attempt.transport() + " (attempt "
                + attempt.attempt() + ") failed" + (retry ? ", will be retried: " : ": ") + failure);
        if (retry) {
            store.release(emailId, failure.detail());
        } else {
            store.failed(attempt, failure.reason(), failure.detail());
        }
        return store.view(emailId);
    }

    /** Sends in the background (after the commit of a {@code SendEmailCommand}). */
    @Asynchronous
    public void deliverInBackground(long emailId) {
        try {
            deliver(emailId, false);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Send of e-mail " + emailId + " failed unexpectedly; the timer retries it", e);
        }
    }

    /** The timer's tick: every PENDING send older than {@link #RETRY_AFTER} and not claimed gets an attempt. */
    public void retryDue() {
        for (Long id : store.due(OffsetDateTime.now(clock).minus(RETRY_AFTER))) {
            self.deliverInBackground(id);
        }
    }

    /**
     * After an attempt that was cut off between the SMTP server's answer and recording it: if the Sent folder holds
     * the message (the server saves what it sends, or the attempt's APPEND got through), it went out, and is recorded
     * SENT where it lies instead of being sent twice. When the folder cannot be read, the message is sent again: a
     * copy too many is better than a message lost.
     */
    private boolean foundInSent(MailSendStore.Attempt attempt) {
        if (attempt.imap() == null) {
            return false;
        }
        Optional<SentFolder.Placement> placement;
        try (IMAPStore imap = connector.openImap(attempt.imap(), attempt.login(), attempt.password())) {
            placement = SentFolder.locate(imap, attempt.mail().messageId());
        } catch (MessagingException | RuntimeException e) {
            LOG.log(Level.WARNING, "E-mail " + attempt.emailId() + ": its last attempt was cut off and the Sent "
                    + "folder could not be read (" + MailFailure.of(e) + "); sending it again");
            return false;
        }
        if (placement.isEmpty()) {
            LOG.info(() -> "E-mail " + attempt.emailId() + ": its last attempt was cut off and the Sent folder does "
                    + "not hold it; sending it again");
            return false;
        }
        store.sent(attempt);
        store.placed(attempt.emailId(), attempt.mailboxId(), placement.get());
        LOG.info(() -> "E-mail " + attempt.emailId() + ": its last attempt was cut off, and the Sent folder "
                + placement.get().folder() + " holds it: recorded as sent, not sent again");
        return true;
    }

    /**
     * MB-03 over Graph or EWS, after an attempt that was cut off between the service's answer and recording it: a
     * message that Sent Items holds (Graph's {@code sendMail} and EWS's {@code SendAndSaveCopy} save what they send)
     * went out and is recorded SENT, not sent again; the sync finds it there by its Message-ID. When Sent Items cannot
     * be read, it is sent again: a copy too many beats one lost.
     */
    private boolean foundInSentItems(MailSendStore.Attempt attempt) {
        String messageId = attempt.mail().messageId();
        try {
            boolean found = attempt.transport() == MailTransport.GRAPH
                    ? graph.inSentItems(new GraphMailbox(attempt.mailbox(), true,
                            tokens.accessToken(attempt.mailboxId())), messageId)
                    : attempt.ews() != null && ews.inSentItems(EwsAccess.signedIn(attempt.ews(), attempt.mailboxId(),
                            tokens), messageId);
            if (!found) {
                LOG.info(() -> "E-mail " + attempt.emailId() + ": its last attempt was cut off and Sent Items does "
                        + "not hold it; sending it again");
                return false;
            }
        } catch (GraphException | EwsException | EntraException e) {
            LOG.warning(() -> "E-mail " + attempt.emailId() + ": its last attempt was cut off and Sent Items could "
                    + "not be read (" + e.getMessage() + "); sending it again");
            return false;
        }
        store.sent(attempt);
        LOG.info(() -> "E-mail " + attempt.emailId() + ": its last attempt was cut off, and Sent Items holds it: "
                + "recorded as sent, not sent again");
        return true;
    }

    private void saveToSent(MailSendStore.Attempt attempt, MimeMessage message) {
        try (IMAPStore imap = connector.openImap(attempt.imap(), attempt.login(), attempt.password())) {
            SentFolder.Placement placement = SentFolder.save(imap, message);
            store.placed(attempt.emailId(), attempt.mailboxId(), placement);
        } catch (MessagingException | RuntimeException e) {
            MailFailure failure = MailFailure.of(e);
            LOG.log(Level.WARNING, "E-mail " + attempt.emailId() + " was sent but not saved to Sent: " + failure);
            store.warning(attempt.emailId(), attempt.imap().host() + ": " + failure.detail());
        }
    }

    /** Whether trying again later may succeed: the server was not reached, or answered with a 4xx code. */
    static boolean mayPass(Throwable error, MailFailure failure) {
        if (failure.reason() == MailFailure.Reason.UNREACHABLE) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            int code = cause instanceof SMTPSendFailedException send ? send.getReturnCode()
                    : cause instanceof SMTPAddressFailedException address ? address.getReturnCode() : 0;
            if (code >= 400 && code < 500) {
                return true;
            }
        }
        return false;
    }

    /** Whether the view is final for a waiting user. */
    static boolean failed(SentEmailView view) {
        return view.status() == SendStatus.FAILED;
    }
}
