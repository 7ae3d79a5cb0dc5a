package org.switchboard.web.mailbox;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Messages;
import org.primefaces.model.file.UploadedFile;
import org.primefaces.model.file.UploadedFiles;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.mailbox.EmailDetail;
import org.switchboard.core.mailbox.EmailDraft;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.core.mailbox.MailSendRules;
import org.switchboard.core.mailbox.MailSendService;
import org.switchboard.core.mailbox.SenderView;
import org.switchboard.core.mailbox.SentEmailView;
import org.switchboard.web.common.UiErrors;

/**
 * "New e-mail" and "Reply" in the panel (MB-03, MB-09, MB-11): From offers the mailboxes I may send from with the
 * default sender preselected, then To, Cc, Bcc, subject, a rich-text body and files. Sent, it goes back to the e-mail
 * list with a message; refused by the server, the server's reason is shown and the draft stays in the form (files
 * have to be chosen again: a browser does not let a page refill a file input).
 */
@Named
@ViewScoped
public class EmailComposeBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("mailboxId", "compose:from", "to", "compose:to",
            "cc", "compose:cc", "bcc", "compose:bcc", "subject", "compose:subject", "html", "compose:body",
            "files", "compose:files");

    @Inject
    private MailSendService sends;

    @Inject
    private EmailService emails;

    /** The e-mail this one answers, when the page was opened to reply. */
    @Inject
    @Param
    private ParamValue<Long> replyTo;

    private List<SenderView> senders;
    private Long mailboxId;
    private String to;
    private String cc;
    private String bcc;
    private String subject;
    private String body;
    private Long inReplyTo;
    private String replySubject;
    private transient UploadedFiles files;

    @PostConstruct
    void load() {
        senders = sends.senders();
        // MB-09: the default sender is listed first, so it is preselected.
        mailboxId = senders.isEmpty() ? null : senders.get(0).id();
        if (replyTo.getSubmittedValue() == null) {
            return;
        }
        if (replyTo.getValue() == null) {
            Messages.addGlobalError("panel_emailCompose.replyNotFound", replyTo.getSubmittedValue());
            return;
        }
        try {
            EmailDetail original = emails.email(replyTo.getValue());
            inReplyTo = original.id();
            to = original.fromAddress();
            subject = MailSendRules.replySubject(original.subject());
            replySubject = original.subject();
            if (senders.stream().anyMatch(s -> s.id() == original.mailboxId())) {
                mailboxId = original.mailboxId();
            }
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** Sends the e-mail; on success back to the list, else the reason beside its field or at the top. */
    public String send() {
        try {
            SentEmailView sent = sends.send(new EmailDraft(mailboxId, List.of(blank(to)), List.of(blank(cc)),
                    List.of(blank(bcc)), subject, body, null, uploads(), inReplyTo));
            if (sent.warning() != null) {
                Messages.addFlashGlobalWarn("panel_emailCompose.sentNotSaved", sent.warning());
            } else {
                Messages.addFlashGlobalInfo("panel_emailCompose.sent");
            }
            return "/panel/email?faces-redirect=true";
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
            return null;
        }
    }

    private List<EmailDraft.File> uploads() {
        List<EmailDraft.File> uploads = new ArrayList<>();
        if (files != null) {
            for (UploadedFile file : files.getFiles()) {
                if (file.getSize() > 0) {
                    uploads.add(new EmailDraft.File(file.getFileName(), file.getContentType(), file.getContent()));
                }
            }
        }
        return uploads;
    }

    private static String blank(String text) {
        return text == null ? "" : text;
    }

    public List<SenderView> getSenders() {
        return senders;
    }

    public int getFilesMaxMegabytes() {
        return MailSendRules.FILES_MAX_MB;
    }

    /** The same limit in bytes, for files.js: it refuses a larger selection before the upload. */
    public long getFilesMaxBytes() {
        return MailSendRules.FILES_MAX_BYTES;
    }

    public Long getMailboxId() {
        return mailboxId;
    }

    public void setMailboxId(Long mailboxId) {
        this.mailboxId = mailboxId;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getCc() {
        return cc;
    }

    public void setCc(String cc) {
        this.cc = cc;
    }

    public String getBcc() {
        return bcc;
    }

    public void setBcc(String bcc) {
        this.bcc = bcc;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public Long getInReplyTo() {
        return inReplyTo;
    }

    public String getReplySubject() {
        return replySubject;
    }

    public UploadedFiles getFiles() {
        return files;
    }

    public void setFiles(UploadedFiles files) {
        this.files = files;
    }
}
