package org.switchboard.core.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.model.mailbox.AddressKind;
import org.switchboard.model.mailbox.EmailAddress;
import org.switchboard.model.mailbox.EmailAttachment;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.security.User;

/**
 * Stores an e-mail to send as PENDING in the caller's transaction (MB-03, MB-09, MB-11, X-03): who may send from
 * which mailbox, the checked draft with the alias, the signature and, for a reply, the threading ids, its addresses
 * and files. A CDI bean rather than an EJB so that the inbound processor's transaction sees its rejections as plain
 * exceptions, not as a rollback. Nothing here talks to a mail server.
 */
@ApplicationScoped
public class MailSendQueue {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private MailboxAccessPolicy access;

    /**
     * The mailboxes the user may send from, the user's default sender first (MB-03, MB-09, SM-02): the user's own
     * mailboxes and the shared ones they hold <em>send</em> on, with "Send mail" on; a mailbox with it off, or whose
     * provider only receives (MP-13), is offered nowhere. Every send path (panel, REST, JMS) asks this one place; the
     * rights come from {@link MailboxAccessPolicy}.
     */
    public List<Mailbox> sendersOf(User user) {
        List<Long> ids = access.rightsOf(user.getId()).senderMailboxIds();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Mailbox> senders = new ArrayList<>(em.createNamedQuery(Mailbox.BY_IDS, Mailbox.class)
                .setParameter("ids", ids).getResultList());
        // The default sender is the owner's own choice (MB-09): a shared mailbox's flag is its owner's, not ours.
        senders.sort(Comparator.comparing((Mailbox m) -> !(m.isDefaultSender() && m.getOwner().getId().equals(user.getId())))
                .thenComparing(Mailbox::getAddress));
        return senders;
    }

    /**
     * The mailbox the user wants to send from: not one the user may see is "not found" (404, nothing revealed); one
     * they would send from whose provider only receives (MP-13) is an error on {@code mailboxId} (400); one of the
     * user's with sending switched off is refused (MB-03, 403).
     */
    public Mailbox senderMailbox(User user, long mailboxId) {
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        if (mailbox == null) {
            throw new RecordNotFoundException("Mailbox", mailboxId);
        }
        MailboxRights rights = access.rightsOf(user.getId());
        if (!rights.canSend(mailboxId)) {
            if (rights.receiveOnly(mailboxId)) {
                throw new InvalidInputException("validation.email.receiveOnly", "mailboxId", mailbox.getAddress());
            }
            if (mailbox.getOwner().getId().equals(user.getId())) {
                throw new AccessDeniedException("error.email.sendDisabled", "mailboxId", mailbox.getAddress());
            }
            throw new RecordNotFoundException("Mailbox", mailboxId);
        }
        return mailbox;
    }

    /** The stored e-mail a reply answers, which must be of a mailbox the user may send from or own. */
    public EmailMessage original(User user, long emailId) {
        EmailMessage email = em.find(EmailMessage.class, emailId);
        if (email == null || !email.getMailbox().getOwner().getId().equals(user.getId())
                && sendersOf(user).stream().noneMatch(m -> m.getId().equals(email.getMailbox().getId()))) {
            throw new RecordNotFoundException("Email", emailId);
        }
        return email;
    }

    /**
     * Checks the draft and stores it PENDING: From with the alias (MB-03), the HTML sanitized with the signature
     * appended (MB-11) and its text alternative, the recipients, the files, and a reply's threading. The MIME message
     * is built once first: what cannot be built is refused here, before anything is stored.
     *
     * @param submittedBy who asked for the send when an inbound command did, or null
     * @return the id of the stored e-mail
     */
    public long store(User sender, Mailbox mailbox, EmailDraft draft, String requestId, String submittedBy) {
        List<String> to = MailSendRules.addresses("to", draft.to());
        List<String> cc = MailSendRules.addresses("cc", draft.cc());
        List<String> bcc = MailSendRules.addresses("bcc", draft.bcc());
        MailSendRules.someRecipient(to, cc, bcc);
        List<EmailDraft.File> files = MailSendRules.files(draft.files());
        String subject = MailSendRules.subject(draft.subject());
        EmailMessage original = draft.inReplyToEmailId() == null ? null
                : original(sender, draft.inReplyToEmailId());
        List<String> references = List.of();
        if (original != null) {
            references = MailSendRules.references(original.getThreadKey(), original.getInReplyTo(),
                    original.getMessageId());
            if (draft.subject() == null || draft.subject().isBlank()) {
                subject = MailSendRules.replySubject(original.getSubject());
            }
        }
        String html = MailSendRules.html(draft.html(), draft.text(),
                mailbox.isUseSignature() ? mailbox.getSignatureHtml() : null);
        String text = MailSendRules.text(html);
        String fromName = mailbox.isUseAlias() && mailbox.getAlias() != null && !mailbox.getAlias().isBlank()
                ? mailbox.getAlias().strip() : null;
        String messageId = MailSendRules.messageId(mailbox.getAddress());
        OffsetDateTime now = OffsetDateTime.now(clock);
        String inReplyTo = original == null ? null : original.getMessageId();
        MailComposer.check(new OutgoingMail(mailbox.getAddress(), fromName, to, cc, bcc, subject, html, text,
                files.stream().map(f -> new OutgoingMail.File(f.fileName(), f.contentType(), f.content())).toList(),
                messageId, inReplyTo, references, now));
        EmailMessage email = EmailMessage.outgoing(mailbox, sender, messageId, requestId,
                MailSendRules.joinReferences(references), now);
        if (original != null) {
            email.setThreadKey(original.getThreadKey());
        }
        email.setSubmittedBy(submittedBy);
        email.setContent(messageId, inReplyTo, subject, mailbox.getAddress(), fromName, now, now, html.length(),
                text, html, files.size());
        em.persist(email);
        em.persist(new EmailAddress(email, AddressKind.FROM, mailbox.getAddress(), fromName));
        to.forEach(a -> em.persist(new EmailAddress(email, AddressKind.TO, lower(a), null)));
        cc.forEach(a -> em.persist(new EmailAddress(email, AddressKind.CC, lower(a), null)));
        bcc.forEach(a -> em.persist(new EmailAddress(email, AddressKind.BCC, lower(a), null)));
        for (EmailDraft.File file : files) {
            em.persist(new EmailAttachment(email, file.fileName(), file.contentType(), null, false,
                    file.content()));
        }
        return email.getId();
    }

    private static String lower(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
