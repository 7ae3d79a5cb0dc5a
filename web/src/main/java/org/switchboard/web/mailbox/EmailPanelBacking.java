package org.switchboard.web.mailbox;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.mailbox.EmailDetail;
import org.switchboard.core.mailbox.EmailHtml;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.core.mailbox.MailboxService;
import org.switchboard.core.mailbox.MailboxView;
import org.switchboard.model.mailbox.MailboxStatus;
import org.switchboard.web.common.Texts;
import org.switchboard.web.common.UiErrors;

/**
 * The panel's e-mail tab (MB-01, MB-02, MB-06, SM-02, SM-03): my mailboxes and those shared with me that I may send
 * from or configure, with their sync state and progress, "load mail now", "Edit settings" (those I may configure),
 * and the e-mails of my mailboxes and of those I may send from, newest first, a page at a time, the selected one read
 * in full with its files. The page polls {@link #refresh()} only while a sync is pending or running. An HTML-only
 * body is framed from its own URL without remote content until the reader asks: "Show remote images" for this view,
 * "Always show from &lt;sender&gt;" and its "Stop" (issue 18 item 6).
 */
@Named
@ViewScoped
public class EmailPanelBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    /** E-mails per page. */
    public static final int PAGE_SIZE = 50;

    @Inject
    private MailboxService mailboxes;

    @Inject
    private EmailService mail;

    private List<MailboxView> mine;
    private Map<Long, String> addresses = Map.of();
    private List<EmailSummary> emails;
    private int first;
    private boolean more;
    private boolean mailboxesShown;
    private EmailDetail selected;
    /** The selected e-mail's HTML body as framed now, without its text; {@code null} when its text is shown. */
    private EmailHtml html;
    /** How many remote references the body has, shown or not. */
    private int remoteCount;
    /** "Show remote images" was asked for the selected e-mail in this view. */
    private boolean remoteAsked;
    /** Changes with every reload of the body, so that the re-rendered frame loads it again. */
    private int htmlLoads;

    @PostConstruct
    void load() {
        // MB-06: the profile's "Email accounts" opens the tab with the list shown.
        mailboxesShown = Faces.getRequestParameter("mailboxes") != null;
        reloadMailboxes();
        reloadEmails();
    }

    /** The poll's tick while a sync is pending or running: progress, status and the e-mails loaded so far. */
    public void refresh() {
        reloadMailboxes();
        reloadEmails();
    }

    /** "Go to mailbox settings" (MB-06) shows or hides the list of my mailboxes. */
    public void toggleMailboxes() {
        mailboxesShown = !mailboxesShown;
    }

    /** "Load mail now": the sync starts in the background and the page follows it. */
    public void loadNow(long mailboxId) {
        try {
            MailboxView mailbox = mailboxes.requestSync(mailboxId);
            Messages.addGlobalInfo("panel_email.syncRequested", mailbox.address());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        reloadMailboxes();
    }

    /** Shows an e-mail in full. */
    public void open(long emailId) {
        try {
            selected = mail.email(emailId);
            remoteAsked = false;
            // MB-02: the text body is shown when there is one; the HTML body only otherwise.
            boolean htmlOnly = (selected.textBody() == null || selected.textBody().isEmpty())
                    && selected.htmlBody() != null && !selected.htmlBody().isEmpty();
            html = htmlOnly ? withoutBody(mail.html(emailId, false)) : null;
            remoteCount = html == null ? 0 : html.remoteCount();
        } catch (RecordNotFoundException e) {
            selected = null;
            html = null;
            UiErrors.show(e);
        }
    }

    /** What the bar needs of the body, without the body itself: the frame loads that, and the view keeps no copy. */
    private static EmailHtml withoutBody(EmailHtml html) {
        return new EmailHtml(html.emailId(), null, html.remoteCount(), html.remoteShown(), html.sender(),
                html.senderTrusted());
    }

    /** Issue 18 item 6 "Show remote images": for the selected e-mail, in this view only. */
    public void showRemote() {
        remoteAsked = true;
        reloadHtml();
    }

    /** Issue 18 item 6 "Always show from &lt;sender&gt;": remote content of the sender's e-mails from now on. */
    public void alwaysShowRemote() {
        try {
            mail.showRemoteFromSender(selected.id());
            Messages.addGlobalInfo("panel_email.remote.alwaysDone", html.sender());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        reloadHtml();
    }

    /** Issue 18 item 6 "Stop": the sender's remote content is hidden again, in this view too. */
    public void stopShowingRemote() {
        try {
            mail.hideRemoteFromSender(selected.id());
            remoteAsked = false;
            Messages.addGlobalInfo("panel_email.remote.stopped", html.sender());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        reloadHtml();
    }

    private void reloadHtml() {
        if (selected == null || html == null) {
            return;
        }
        try {
            html = withoutBody(mail.html(selected.id(), remoteAsked));
            htmlLoads++;
        } catch (RecordNotFoundException e) {
            UiErrors.show(e);
        }
    }

    public void newer() {
        first = Math.max(0, first - PAGE_SIZE);
        reloadEmails();
    }

    public void older() {
        if (more) {
            first += PAGE_SIZE;
            reloadEmails();
        }
    }

    private void reloadMailboxes() {
        mine = mailboxes.myMailboxes();
        Map<Long, String> byId = new HashMap<>();
        mine.forEach(m -> byId.put(m.id(), m.address()));
        addresses = byId;
    }

    private void reloadEmails() {
        // One more than a page tells whether there is an older page.
        List<EmailSummary> page = mail.myEmails(first, PAGE_SIZE + 1);
        more = page.size() > PAGE_SIZE;
        emails = more ? page.subList(0, PAGE_SIZE) : page;
    }

    /** Whether the page should poll: some mailbox waits for its sync to start or is syncing now. */
    public boolean isWatching() {
        return mine.stream().anyMatch(m -> m.syncPending() || m.status() == MailboxStatus.SYNCING);
    }

    /** The running sync's progress in percent, for the progress bar. */
    public int progress(MailboxView mailbox) {
        return mailbox.syncPlanned() <= 0 ? 0
                : (int) Math.min(100, 100L * mailbox.syncLoaded() / mailbox.syncPlanned());
    }

    /** The address of one of my mailboxes, for the e-mail list's "mailbox" column. */
    public String address(long mailboxId) {
        return addresses.getOrDefault(mailboxId, "");
    }

    public boolean isSelected(EmailSummary email) {
        return selected != null && selected.id() == email.id();
    }

    public List<MailboxView> getMine() {
        return mine;
    }

    /** MO-02: my mailboxes whose Microsoft sign-in is gone: the tab says so until I sign in again. */
    public List<MailboxView> getNeedingSignIn() {
        return mine.stream().filter(m -> m.needsSignIn() && m.mayConfigure()).toList();
    }

    /** MB-06 "Edit settings": my mailboxes whose settings I may open. */
    public List<MailboxView> getConfigurable() {
        return mine.stream().filter(MailboxView::mayConfigure).toList();
    }

    public List<EmailSummary> getEmails() {
        return emails;
    }

    public boolean isMore() {
        return more;
    }

    public boolean isFirstPage() {
        return first == 0;
    }

    /** The 1-based number of the first e-mail on the page. */
    public int getFrom() {
        return emails.isEmpty() ? 0 : first + 1;
    }

    public int getTo() {
        return first + emails.size();
    }

    public boolean isMailboxesShown() {
        return mailboxesShown;
    }

    public EmailDetail getSelected() {
        return selected;
    }

    public EmailHtml getHtml() {
        return html;
    }

    /** Remote content of the selected e-mail is hidden now and there is some: the bar offers to show it. */
    public boolean isRemoteHidden() {
        return html != null && !html.remoteShown() && remoteCount > 0;
    }

    /** "Always show from &lt;sender&gt;" is offered: some remote content, shown or not, a sender not yet trusted. */
    public boolean isAlwaysOffered() {
        return html != null && !html.senderTrusted() && html.sender() != null && !html.sender().isEmpty()
                && (remoteCount > 0 || remoteAsked);
    }

    /** The bar above the body is shown: remote content hidden, "Always show from" offered, or the sender trusted. */
    public boolean isRemoteBarShown() {
        return isRemoteHidden() || isAlwaysOffered() || html != null && html.senderTrusted();
    }

    /** "Always show from &lt;sender&gt;" in the reader's language. */
    public String getAlwaysLabel() {
        return html == null ? "" : Texts.format(Faces.getLocale(), "panel_email.remote.always", html.sender());
    }

    /** The URL of the frame: the body as its own document, with remote content when asked for in this view. */
    public String getHtmlUrl() {
        return html == null ? null : Faces.getRequestContextPath() + "/api/v1/mailboxes/emails/" + html.emailId()
                + "/html?load=" + htmlLoads + (remoteAsked ? "&remote=true" : "");
    }
}
