package org.switchboard.web.crm;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.function.BiFunction;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.mailbox.EmailDetail;
import org.switchboard.core.mailbox.EmailSummary;

/**
 * One page of a contact's or an account's e-mail timeline (MB-04) with the e-mail opened from it, for the record's
 * backing bean; the backing supplies how a page is read.
 */
public class Timeline implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    public static final int PAGE_SIZE = 25;

    private final SerializablePager pager;
    private int first;
    private boolean more;
    private List<EmailSummary> emails = List.of();
    private EmailDetail selected;

    /** Reads {@code max} e-mails from {@code first}. */
    public interface SerializablePager extends BiFunction<Integer, Integer, List<EmailSummary>>, Serializable {
    }

    public Timeline(SerializablePager pager) {
        this.pager = pager;
        reload();
    }

    public final void reload() {
        // One more than a page tells whether there is an older page.
        List<EmailSummary> page = pager.apply(first, PAGE_SIZE + 1);
        more = page.size() > PAGE_SIZE;
        emails = more ? page.subList(0, PAGE_SIZE) : page;
    }

    public void open(long emailId, java.util.function.LongFunction<EmailDetail> reader) {
        try {
            selected = reader.apply(emailId);
        } catch (RecordNotFoundException e) {
            selected = null;
            Messages.addGlobalError("crm.timeline.gone");
        }
    }

    public void newer() {
        first = Math.max(0, first - PAGE_SIZE);
        reload();
    }

    public void older() {
        if (more) {
            first += PAGE_SIZE;
            reload();
        }
    }

    public boolean isSelected(EmailSummary email) {
        return selected != null && selected.id() == email.id();
    }

    public List<EmailSummary> getEmails() {
        return emails;
    }

    public EmailDetail getSelected() {
        return selected;
    }

    public boolean isMore() {
        return more;
    }

    public boolean isFirstPage() {
        return first == 0;
    }
}
