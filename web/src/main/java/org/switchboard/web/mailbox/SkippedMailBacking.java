package org.switchboard.web.mailbox;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.mailbox.MailboxService;
import org.switchboard.core.mailbox.SkippedMailView;
import org.switchboard.core.mailbox.SkippedRetry;
import org.switchboard.web.common.UiErrors;

/**
 * The "Skipped messages" block of a mailbox's settings page (MB-02): the messages a sync could not read or store, with
 * the folder, the UID and the reason, and "Retry" for each. Shown only when there are any.
 */
@Named
@ViewScoped
public class SkippedMailBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private MailboxService mailboxes;

    @Inject
    @Param
    private ParamValue<Long> id;

    private List<SkippedMailView> skipped;

    /** The mailbox's skipped messages, read once per view (and after a retry). */
    public List<SkippedMailView> getSkipped() {
        if (skipped == null) {
            skipped = id.getValue() == null ? List.of() : load();
        }
        return skipped;
    }

    private List<SkippedMailView> load() {
        try {
            return mailboxes.skipped(id.getValue());
        } catch (BusinessException e) {
            return List.of(); // the settings page itself reports a mailbox that is not the caller's
        }
    }

    /** "Retry": reads the message from the server again and says how it went. */
    public void retry(SkippedMailView row) {
        try {
            SkippedRetry outcome = mailboxes.retrySkipped(id.getValue(), row.id());
            switch (outcome.outcome()) {
                case STORED -> Messages.addGlobalInfo("panel_mailboxSettings.skipped.stored", row.uid(),
                        row.folder());
                case GONE -> Messages.addGlobalInfo("panel_mailboxSettings.skipped.gone", row.uid(), row.folder());
                case FAILED -> Messages.addGlobalWarn("panel_mailboxSettings.skipped.failedAgain", row.uid(),
                        row.folder(), outcome.reason());
            }
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        skipped = null;
    }
}
