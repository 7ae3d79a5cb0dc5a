package org.switchboard.web.chat;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.switchboard.core.chat.ChatActionDraft;
import org.switchboard.core.chat.ChatActionView;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.common.BusinessException;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * A chat action's card (CH-07): the title the queue's operators see, the process it starts, the queue. Deleting asks
 * first.
 */
@Named
@ViewScoped
public class ChatActionBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("title", "action:title", "process", "action:process",
            "queueId", "action:queue");

    @Inject
    private ChatSettingsService settings;

    @Inject
    @Param
    private ParamValue<Long> id;

    private ChatActionView action;
    private List<ChatQueueView> queues;
    private List<String> processes;
    private String title;
    private String process;
    private Long queueId;

    /** Loads the action of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (queues != null) {
            return;
        }
        queues = settings.queues();
        processes = settings.processes();
        action = RecordPages.loadOrNew(id, settings::action, "designer_chataction.notFound", ChatCards.LIST);
        if (action != null) {
            title = action.title();
            process = action.process();
            queueId = action.queueId();
        }
    }

    public void save() throws IOException {
        ChatActionDraft draft = new ChatActionDraft(title, process, queueId);
        try {
            ChatActionView saved = action == null ? settings.createAction(draft)
                    : settings.updateAction(action.id(), action.version(), draft);
            ChatCards.backToList(action == null ? "designer_chataction.created" : "designer_chataction.saved",
                    saved.title());
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void delete() throws IOException {
        try {
            settings.deleteAction(action.id());
            ChatCards.backToList("designer_chataction.deleted", action.title());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public boolean isNew() {
        return action == null;
    }

    public ChatActionView getAction() {
        return action;
    }

    public List<ChatQueueView> getQueues() {
        return queues;
    }

    public List<String> getProcesses() {
        return processes;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getProcess() {
        return process;
    }

    public void setProcess(String process) {
        this.process = process;
    }

    public Long getQueueId() {
        return queueId;
    }

    public void setQueueId(Long queueId) {
        this.queueId = queueId;
    }
}
