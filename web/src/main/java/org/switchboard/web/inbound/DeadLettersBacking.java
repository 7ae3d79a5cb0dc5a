package org.switchboard.web.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.inbound.DeadLetterService;
import org.switchboard.core.inbound.DeadLetterView;
import org.switchboard.core.inbound.ReplayResult;
import org.switchboard.model.inbound.DeadLetterStatus;
import org.switchboard.web.common.UiErrors;

/**
 * Chat settings → Dead letters: inbound messages that could not be processed, with their reason and payload;
 * replay one, or all of a kind, once the cause is fixed; or discard one. Guarded by CanManageChats.
 */
@Named
@ViewScoped
public class DeadLettersBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int PAGE = 200;

    @Inject
    private DeadLetterService deadLetters;

    private DeadLetterStatus status = DeadLetterStatus.NEW;
    private List<DeadLetterView> letters;
    private long total;

    @PostConstruct
    void load() {
        filter();
    }

    public void filter() {
        letters = deadLetters.list(status, 0, PAGE);
        total = deadLetters.count(status);
    }

    public void replay(long id) {
        try {
            DeadLetterView after = deadLetters.replay(id);
            if (after.status() == DeadLetterStatus.REPLAYED) {
                Messages.addGlobalInfo("designer_deadLetters.replayed", id);
            } else {
                Messages.addGlobalWarn("designer_deadLetters.failedAgain", id, after.reason());
            }
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        filter();
    }

    public void replayAll(String kind) {
        try {
            ReplayResult result = deadLetters.replayAll(kind);
            Messages.addGlobalInfo("designer_deadLetters.replayedAll", kind, result.replayed(), result.failedAgain());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        filter();
    }

    public void discard(long id) {
        try {
            deadLetters.discard(id);
            Messages.addGlobalInfo("designer_deadLetters.discarded", id);
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        filter();
    }

    public DeadLetterStatus[] getStatuses() {
        return DeadLetterStatus.values();
    }

    public DeadLetterStatus getStatus() {
        return status;
    }

    public void setStatus(DeadLetterStatus status) {
        this.status = status;
    }

    public List<DeadLetterView> getLetters() {
        return letters;
    }

    public long getTotal() {
        return total;
    }

    public boolean isWaiting() {
        return status == DeadLetterStatus.NEW;
    }
}
