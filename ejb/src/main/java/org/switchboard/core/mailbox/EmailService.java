package org.switchboard.core.mailbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.FileSignatures;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.model.mailbox.AddressKind;
import org.switchboard.model.mailbox.EmailAddress;
import org.switchboard.model.mailbox.EmailAttachment;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.RemoteContentSender;
import org.switchboard.model.security.User;

/**
 * Reading the e-mails loaded and sent (MB-02, MB-04, MB-06, SM-03): a mailbox's list, the panel's e-mail tab, a
 * record's timeline by the addresses it carries, one e-mail in full and its files. Whose mail the caller may read comes
 * from {@link MailboxAccessPolicy}; an e-mail of any other mailbox is "not found". An HTML body is read rewritten
 * (issue 18 item 6): remote content only when the reader asks for it or always shows it from that sender.
 */
@Stateless
@PermitAll
public class EmailService {

    public static final int PAGE_MAX = 200;
    /** The bytes of inline images one HTML body shows at most (issue 18 item 6); beyond them, images are left out. */
    public static final long INLINE_IMAGES_MAX = 10L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(EmailService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private MailboxAccessPolicy policy;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    /** The e-mails of one of the caller's mailboxes or of one they may send from (SM-03), newest first. */
    public List<EmailSummary> emails(long mailboxId, int first, int max) {
        if (!policy.rights().canListMail(mailboxId)) {
            throw new RecordNotFoundException("Mailbox", mailboxId);
        }
        return summaries(List.of(mailboxId), first, max);
    }

    /**
     * The e-mails of the caller's mailboxes and of those shared with them with <em>send</em>, newest first (MB-06:
     * the panel's e-mail tab; SM-03: <em>read</em> alone shows nothing here).
     */
    public List<EmailSummary> myEmails(int first, int max) {
        List<Long> ids = policy.rights().panelMailboxIds();
        return ids.isEmpty() ? List.of() : summaries(ids, first, max);
    }

    /**
     * MB-04: the e-mails that carry one of the addresses (a contact's or an account's timeline), newest first, from
     * the mailboxes whose mail the caller may see on timelines: their own and the shared ones they hold any right on
     * (SM-03).
     */
    public List<EmailSummary> emailsCarrying(Collection<String> addresses, int first, int max) {
        List<Long> mailboxIds = policy.rights().timelineMailboxIds();
        if (addresses.isEmpty() || mailboxIds.isEmpty()) {
            return List.of();
        }
        List<Long> ids = em.createNamedQuery(EmailMessage.IDS_CARRYING, Object[].class)
                .setParameter("addresses", addresses).setParameter("mailboxIds", mailboxIds)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, PAGE_MAX)))
                .getResultStream().map(row -> (Long) row[0]).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, EmailMessage> byId = em.createNamedQuery(EmailMessage.WITH_FOLDER, EmailMessage.class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(EmailMessage::getId, Function.identity()));
        return ids.stream().map(byId::get).filter(Objects::nonNull).map(EmailService::summary).toList();
    }

    private List<EmailSummary> summaries(List<Long> mailboxIds, int first, int max) {
        return em.createNamedQuery(EmailMessage.PAGE_OF_MAILBOXES, EmailMessage.class)
                .setParameter("mailboxIds", mailboxIds).setFirstResult(Math.max(0, first))
                .setMaxResults(Math.max(1, Math.min(max, PAGE_MAX))).getResultStream()
                .map(EmailService::summary).toList();
    }

    private static EmailSummary summary(EmailMessage email) {
        return new EmailSummary(email.getId(), email.getMailbox().getId(), folderName(email),
                email.getSubject(), email.getFromAddress(), email.getFromName(), email.getReceivedAt(),
                email.isSeen(), email.getAttachmentCount(), email.getThreadKey(), email.getSendStatus());
    }

    /**
     * One e-mail in full, of a mailbox the caller owns or holds any right on (SM-03: a timeline entry opens it for a
     * <em>read</em> holder too).
     */
    public EmailDetail email(long id) {
        return detail(myEmail(id));
    }

    private EmailDetail detail(EmailMessage email) {
        long id = email.getId();
        List<EmailDetail.Recipient> to = new ArrayList<>();
        List<EmailDetail.Recipient> cc = new ArrayList<>();
        List<EmailDetail.Recipient> bcc = new ArrayList<>();
        for (EmailAddress address : em.createNamedQuery(EmailAddress.OF_EMAILS, EmailAddress.class)
                .setParameter("emailIds", List.of(id)).getResultList()) {
            EmailDetail.Recipient recipient = new EmailDetail.Recipient(address.getAddress(),
                    address.getDisplayName());
            if (address.getKind() == AddressKind.TO) {
                to.add(recipient);
            } else if (address.getKind() == AddressKind.CC) {
                cc.add(recipient);
            } else if (address.getKind() == AddressKind.BCC) {
                bcc.add(recipient);
            }
        }
        List<EmailDetail.File> files = new ArrayList<>();
        for (Object[] row : em.createNamedQuery(EmailAttachment.OF_EMAIL, Object[].class)
                .setParameter("emailId", id).getResultList()) {
            files.add(new EmailDetail.File((Long) row[0], (String) row[1], (String) row[2], (Long) row[3],
                    (String) row[4], (Boolean) row[5]));
        }
        return new EmailDetail(id, email.getMailbox().getId(), email.getMailbox().getAddress(),
                folderName(email), email.getMessageId(), email.getThreadKey(), email.getInReplyTo(),
                email.getSubject(), email.getFromAddress(), email.getFromName(), to, cc, bcc, email.getSentAt(),
                email.getReceivedAt(), email.isSeen(), email.getTextBody(), email.getHtmlBody(), files,
                email.getSendStatus(), email.getSendError(), email.getSendWarning(), email.getSubmittedBy(),
                problems(email.getReadProblems()));
    }

    /** The stored "KIND where" lines; a line of a kind this version does not know is left out. */
    static List<EmailDetail.Problem> problems(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return stored.lines().map(ReadProblem::decode).filter(java.util.Objects::nonNull)
                .map(p -> new EmailDetail.Problem(p.kind().name(), p.where())).toList();
    }

    /** MB-03: an e-mail sent from here has no folder until it is saved to the Sent folder. */
    private static String folderName(EmailMessage email) {
        return email.getFolder() == null ? null : email.getFolder().getFullName();
    }

    /** A file of an e-mail the caller may read (see {@link #email}) with its bytes, for download (MB-06). */
    public EmailFileContent file(long emailId, long fileId) {
        myEmail(emailId);
        return fileOf(emailId, fileId);
    }

    private EmailFileContent fileOf(long emailId, long fileId) {
        EmailAttachment file = em.find(EmailAttachment.class, fileId);
        if (file == null || file.getEmail().getId() != emailId) {
            throw new RecordNotFoundException("EmailFile", fileId);
        }
        return new EmailFileContent(file.getFileName(), file.getContentType(), file.getContent());
    }

    /**
     * MB-02 issue 18 item 6: the HTML body of an e-mail the caller may read (see {@link #email}), rewritten: its
     * {@code cid:} images become {@code data:} URIs of the e-mail's own files (only images whose bytes are the type
     * they claim, within {@link #INLINE_IMAGES_MAX} in all), and remote content stays only when {@code showRemote}
     * asks for it or the caller always shows it from the sender. A {@code data:} URI needs no second request, which a
     * sandboxed frame (an opaque origin) would make without the reader's SameSite session cookie.
     */
    public EmailHtml html(long emailId, boolean showRemote) {
        EmailMessage email = myEmail(emailId);
        Map<String, Long> inline = new HashMap<>();
        for (Object[] row : em.createNamedQuery(EmailAttachment.OF_EMAIL, Object[].class)
                .setParameter("emailId", emailId).getResultList()) {
            if (row[4] != null) {
                inline.putIfAbsent((String) row[4], (Long) row[0]);
            }
        }
        String sender = RemoteContentSender.normalize(email.getFromAddress());
        boolean trusted = trustedRow(sender) != null;
        boolean remote = showRemote || trusted;
        long[] budget = {INLINE_IMAGES_MAX};
        EmailHtmlRewriter.Result result = EmailHtmlRewriter.rewrite(email.getHtmlBody(), inline,
                fileId -> inlineImage(emailId, fileId, budget), remote);
        return new EmailHtml(emailId, result.html(), result.remote(), remote, sender, trusted);
    }

    /** An inline file as a {@code data:} URI when it is an image its bytes confirm and the budget allows. */
    private String inlineImage(long emailId, long fileId, long[] budget) {
        EmailAttachment file = em.find(EmailAttachment.class, fileId);
        if (file == null || file.getEmail().getId() != emailId || file.getSizeBytes() > budget[0]) {
            return null;
        }
        String type = FileSignatures.servedType(file.getContentType(), file.getContent());
        if (!type.startsWith("image/")) {
            return null;
        }
        budget[0] -= file.getSizeBytes();
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(file.getContent());
    }

    /**
     * MB-02 issue 18 item 6 "Always show from &lt;sender&gt;": the caller shows remote content of every e-mail from
     * the sender of this one (an e-mail they may read) from now on. Again is harmless.
     */
    public void showRemoteFromSender(long emailId) {
        String sender = senderOf(emailId);
        if (trustedRow(sender) == null) {
            RemoteContentSender row = new RemoteContentSender(self(), sender, OffsetDateTime.now(clock));
            em.persist(row);
            em.flush();
            // Ids only: the sender's address is personal data (issue 18).
            LOG.fine(() -> "Remote content sender " + row.getId() + " added for e-mail " + emailId);
        }
    }

    /** MB-02 issue 18 item 6 "Stop": remote content from the sender of this e-mail is hidden again. */
    public void hideRemoteFromSender(long emailId) {
        RemoteContentSender row = trustedRow(senderOf(emailId));
        if (row != null) {
            em.remove(row);
            LOG.fine(() -> "Remote content sender " + row.getId() + " removed for e-mail " + emailId);
        }
    }

    private String senderOf(long emailId) {
        String sender = RemoteContentSender.normalize(myEmail(emailId).getFromAddress());
        if (sender == null || sender.isEmpty()) {
            throw new InvalidInputException("validation.email.noSender", "emailId", emailId);
        }
        return sender;
    }

    private RemoteContentSender trustedRow(String sender) {
        if (sender == null || sender.isEmpty()) {
            return null;
        }
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", Callers.login(context))
                .getResultStream().findFirst()
                .flatMap(user -> em.createNamedQuery(RemoteContentSender.OF_USER_AND_ADDRESS,
                        RemoteContentSender.class).setParameter("userId", user.getId())
                        .setParameter("address", sender).getResultStream().findFirst())
                .orElse(null);
    }

    private User self() {
        String login = Callers.login(context);
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).getResultStream()
                .findFirst().orElseThrow(() -> new RecordNotFoundException("User", login));
    }

    private EmailMessage myEmail(long id) {
        EmailMessage email = em.find(EmailMessage.class, id);
        if (email == null || !policy.rights().canRead(email.getMailbox().getId())) {
            throw new RecordNotFoundException("Email", id);
        }
        return email;
    }
}
