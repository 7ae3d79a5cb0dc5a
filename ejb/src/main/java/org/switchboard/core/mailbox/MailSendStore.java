package org.switchboard.core.mailbox;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.exchange.EwsMailbox;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mailbox.AddressKind;
import org.switchboard.model.mailbox.EmailAddress;
import org.switchboard.model.mailbox.EmailAttachment;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.mailbox.MailboxFolder;
import org.switchboard.model.mailbox.SendStatus;

/**
 * The transactions of one send (MB-03), each its own ({@code REQUIRES_NEW}) so that none stays open while the SMTP or
 * IMAP server is talked to: claiming a PENDING e-mail for one attempt, reading what the message is built from,
 * recording SENT or FAILED with the server's reason (and publishing {@link EmailSent} / {@link EmailSendFailed}
 * through the outbox), recording where the Sent folder keeps it, or why it could not be saved there. Only
 * {@link MailSender} calls it.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MailSendStore {

    /** How long a claim holds: longer than any SMTP exchange with the connector's timeouts. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    private static final int DUE_MAX = 20;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private SecretCipher cipher;

    @Inject
    private EventOutbox outbox;

    @Inject
    private MailboxAccessPolicy access;

    /** What one attempt needs: the message's ingredients and the mailbox's servers and credentials. */
    public record Attempt(long emailId, long mailboxId, String mailbox, String senderLogin, String actor,
            String requestId, int attempt, OutgoingMail mail, MailServer smtp, MailServer imap, String login,
            String password, MailTransport transport, EwsMailbox ews) {

        @Override
        public String toString() {
            return "Attempt[" + emailId + " #" + attempt + "]";
        }
    }

    /** The ids of PENDING sends stored before {@code before} and not claimed (the retry timer). */
    public List<Long> due(OffsetDateTime before) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return em.createNamedQuery(EmailMessage.DUE_SENDS, Long.class).setParameter("pending", SendStatus.PENDING)
                .setParameter("before", before).setParameter("now", now).setMaxResults(DUE_MAX).getResultList();
    }

    /**
     * Whether an attempt holds the send now, and whether the attempt before it was cut off: it had claimed the send
     * and neither recorded an outcome nor released it (its node stopped), so the SMTP server may have taken the
     * message already.
     */
    public record Claim(boolean taken, boolean afterCutOff) {
    }

    /** Takes a PENDING send for one attempt: 1 row updated means no other attempt (on any node) holds it. */
    public Claim claim(long emailId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // A finished or released attempt clears its claim; one still set here has run out without an outcome.
        boolean cutOff = em.createNamedQuery(EmailMessage.SEND_CLAIM, OffsetDateTime.class).setParameter("id", emailId)
                .getResultStream().anyMatch(Objects::nonNull);
        boolean taken = em.createNamedQuery(EmailMessage.CLAIM_SEND).setParameter("id", emailId)
                .setParameter("pending", SendStatus.PENDING).setParameter("now", now)
                .setParameter("until", now.plus(CLAIM)).executeUpdate() == 1;
        return new Claim(taken, taken && cutOff);
    }

    /** Reads the claimed e-mail with its addresses, files and the mailbox's servers. */
    public Attempt attempt(long emailId) {
        EmailMessage email = em.find(EmailMessage.class, emailId);
        Mailbox mailbox = em.createNamedQuery(Mailbox.WITH_PROVIDER, Mailbox.class)
                .setParameter("id", email.getMailbox().getId()).getSingleResult();
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        for (EmailAddress address : em.createNamedQuery(EmailAddress.OF_EMAILS, EmailAddress.class)
                .setParameter("emailIds", List.of(emailId)).getResultList()) {
            if (address.getKind() == AddressKind.TO) {
                to.add(address.getAddress());
            } else if (address.getKind() == AddressKind.CC) {
                cc.add(address.getAddress());
            } else if (address.getKind() == AddressKind.BCC) {
                bcc.add(address.getAddress());
            }
        }
        List<OutgoingMail.File> files = em.createNamedQuery(EmailAttachment.FILES_OF_EMAIL, EmailAttachment.class)
                .setParameter("emailId", emailId).getResultStream()
                .map(f -> new OutgoingMail.File(f.getFileName(), f.getContentType(), f.getContent())).toList();
        OutgoingMail mail = new OutgoingMail(email.getFromAddress(), email.getFromName(), to, cc, bcc,
                email.getSubject(), email.getHtmlBody(), email.getTextBody(), files, email.getMessageId(),
                email.getInReplyTo(), MailSendRules.splitReferences(email.getReferencesHeader()),
                email.getSentAt());
        String password = mailbox.getPassword() == null ? null : cipher.decrypt(mailbox.getPassword());
        MailTransport transport = MailTransport.of(mailbox.getProvider());
        boolean imapTransport = transport == MailTransport.IMAP;
        String sender = email.getSentBy() == null ? mailbox.getOwner().getLogin() : email.getSentBy().getLogin();
        // X-03: the events of a send asked for by an inbound command name whoever submitted it.
        return new Attempt(emailId, mailbox.getId(), mailbox.getAddress(), sender,
                email.getSubmittedBy() == null ? sender : email.getSubmittedBy(), email.getRequestId(),
                email.getSendAttempts(), mail, imapTransport ? MailServer.smtp(mailbox.getProvider()) : null,
                imapTransport ? MailServer.imap(mailbox.getProvider()) : null, mailbox.getLogin(), password,
                transport, transport == MailTransport.EWS && (password != null
                        || mailbox.getProvider().getAuthentication() == MailAuthentication.OAUTH2) ? EwsAccess.mailbox(mailbox.getProvider(), mailbox.getAddress(), mailbox.getLogin(), password)
                        : null);
    }

    /** The SMTP server accepted the message. */
    public void sent(Attempt attempt) {
        em.createNamedQuery(EmailMessage.SEND_FINISHED).setParameter("id", attempt.emailId())
                .setParameter("status", SendStatus.SENT).setParameter("error", null).executeUpdate();
        OutgoingMail mail = attempt.mail();
        outbox.record(new EmailSent(attempt.emailId(), attempt.mailboxId(), attempt.mailbox(), mail.messageId(),
                attempt.requestId(), mail.to().size() + mail.cc().size(), OffsetDateTime.now(clock),
                attempt.senderLogin(),
                access.panelAudience(attempt.mailboxId())), attempt.actor());
    }

    /** The send failed for good, with the server's reason the user sees; the event names only its kind. */
    public void failed(Attempt attempt, MailFailure.Reason failure, String reason) {
        String clipped = EmailMessage.clip(reason, EmailMessage.SEND_ERROR_MAX);
        em.createNamedQuery(EmailMessage.SEND_FINISHED).setParameter("id", attempt.emailId())
                .setParameter("status", SendStatus.FAILED).setParameter("error", clipped).executeUpdate();
        outbox.record(new EmailSendFailed(attempt.emailId(), attempt.mailboxId(), attempt.mailbox(),
                attempt.mail().messageId(), attempt.requestId(), failure, attempt.attempt(),
                attempt.senderLogin(), access.panelAudience(attempt.mailboxId())), attempt.actor());
    }

    /** The attempt failed in a way that may pass (server unreachable, 4xx): stays PENDING for the timer's retry. */
    public void release(long emailId, String reason) {
        em.createNamedQuery(EmailMessage.SEND_RELEASED).setParameter("id", emailId)
                .setParameter("error", EmailMessage.clip(reason, EmailMessage.SEND_ERROR_MAX)).executeUpdate();
    }

    /**
     * Records that the Sent folder keeps the message: under its UID (UIDPLUS), or under a placeholder UID below zero
     * that the folder's next sync replaces by the real one when it meets the Message-ID.
     */
    public void placed(long emailId, long mailboxId, SentFolder.Placement placement) {
        MailboxFolder folder = em.createNamedQuery(MailboxFolder.BY_NAME, MailboxFolder.class)
                .setParameter("mailboxId", mailboxId).setParameter("fullName", placement.folder()).getResultStream()
                .findFirst().orElse(null);
        if (folder == null) {
            folder = new MailboxFolder(em.getReference(Mailbox.class, mailboxId), placement.folder());
            em.persist(folder);
        }
        EmailMessage email = em.find(EmailMessage.class, emailId);
        if (placement.knowsUid()) {
            email.placeIn(folder, placement.uidValidity(), placement.uid());
        } else {
            email.placeIn(folder, 0, -emailId);
        }
    }

    /** The message was sent but not saved to the Sent folder: why (the send stands). */
    public void warning(long emailId, String warning) {
        em.createNamedQuery(EmailMessage.SEND_WARNING).setParameter("id", emailId)
                .setParameter("warning", EmailMessage.clip(warning, EmailMessage.SEND_ERROR_MAX)).executeUpdate();
    }

    /** Where the send stands now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public SentEmailView view(long emailId) {
        EmailMessage email = em.find(EmailMessage.class, emailId);
        em.refresh(email);
        return new SentEmailView(emailId, email.getMailbox().getId(), email.getSendStatus(), email.getMessageId(),
                email.getSendError(), email.getSendWarning(),
                email.getFolder() == null ? null : email.getFolder().getFullName());
    }
}
