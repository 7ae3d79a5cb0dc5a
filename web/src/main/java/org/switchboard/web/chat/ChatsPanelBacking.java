package org.switchboard.web.chat;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.omnifaces.cdi.Param;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.primefaces.PrimeFaces;
import org.primefaces.model.file.UploadedFile;
import org.primefaces.model.file.UploadedFiles;
import org.switchboard.core.chat.ChannelView;
import org.switchboard.core.chat.ChatActionOption;
import org.switchboard.core.chat.ChatDetail;
import org.switchboard.core.chat.ChatProcess;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.ChatSummary;
import org.switchboard.core.chat.FileUpload;
import org.switchboard.core.chat.MyChats;
import org.switchboard.core.chat.QuickReplyOption;
import org.switchboard.core.common.Operations;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorStatus;

/**
 * The communication panel's chats tab (CH-03, CH-04, CH-07, CH-09, CH-11, CH-12): the operator's status, the chats
 * offered and assigned to them, the open chat's conversation with reply, quick replies, files, chat actions, finish
 * and the routing decisions. A push on the {@code chats} channel makes the page call {@link #refresh()}.
 */
@Named
@ViewScoped
public class ChatsPanelBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String TEXT = "reply:text";

    @Inject
    private ChatService chats;

    /** The chat to open at once (a link from elsewhere); {@code null} when there is none or it is not a number. */
    @Inject
    @Param(name = "chat")
    private Long requestedChatId;

    @Inject
    private ChatSettingsService chatSettings;

    private MyChats my;
    private List<ChannelView> flaggedChannels = List.of();
    private Set<Long> arrivals = new HashSet<>();
    private Long selectedId;
    private ChatDetail selected;
    private List<QuickReplyOption> quickReplies = List.of();
    private String replyText;
    private transient UploadedFiles files;

    @PostConstruct
    void load() {
        my = chats.myChats();
        flaggedChannels = flagged();
        arrivals = arrivals(my);
        if (requestedChatId != null) {
            open(requestedChatId);
        }
    }

    /**
     * Reloads the lists and the open chat after a push; plays the new-chat sound (CH-09) when a chat was offered or
     * assigned to the operator since the last look. The reply box keeps what the operator is typing.
     */
    public void refresh() {
        my = chats.myChats();
        flaggedChannels = flagged();
        Set<Long> now = arrivals(my);
        if (!arrivals.containsAll(now)) {
            PrimeFaces.current().executeScript("SB.chats.ding()");
        }
        arrivals = now;
        if (selectedId != null) {
            boolean couldReply = selected != null && selected.canReply();
            reloadSelected();
            if (selected == null || selected.canReply() != couldReply) {
                PrimeFaces.current().ajax().update("replyArea");
            }
        }
    }

    /** FB-07: the flagged channels, shown to the holders of {@code CanManageChats}, who can sign in again. */
    private List<ChannelView> flagged() {
        return Faces.isUserInRole(Operations.CAN_MANAGE_CHATS)
                ? chatSettings.flaggedChannels() : List.of();
    }

    public List<ChannelView> getFlaggedChannels() {
        return flaggedChannels;
    }

    /** Shows a chat's conversation, quick replies and actions. */
    public void open(long chatId) {
        selectedId = chatId;
        replyText = null;
        files = null;
        reloadSelected();
        if (selected == null) {
            Messages.addGlobalError("panel_chats.notAvailable");
        }
    }

    public void accept(long chatId) {
        if (ChatUi.attempt(() -> chats.accept(chatId))) {
            Messages.addGlobalInfo("panel_chats.accepted");
            open(chatId);
        }
        my = chats.myChats();
    }

    /** Sends the reply box's text and files (CH-12): at least one of them is needed. */
    public void reply() {
        List<FileUpload> uploads = uploads();
        String text = replyText == null || replyText.isBlank() ? null : replyText;
        if (text == null && uploads.isEmpty()) {
            Messages.addError(TEXT, "validation.chat.replyEmpty");
            Faces.validationFailed();
            return;
        }
        if (ChatUi.attempt(() -> chats.reply(selectedId, text, uploads))) {
            replyText = null;
            files = null;
        }
        reloadSelected();
    }

    /** Fills the reply box with a quick reply in the channel's language (CH-11). */
    public void useQuickReply(long quickReplyId) {
        quickReplies.stream().filter(q -> q.id() == quickReplyId).findFirst().ifPresent(q -> replyText = q.body());
    }

    /** Runs one of the queue's chat actions and tells the operator its result (CH-07). */
    public void runAction(long actionId) {
        String title = selected.actions().stream().filter(a -> a.id() == actionId).map(ChatActionOption::title)
                .findFirst().orElse("");
        ChatProcess.ProcessResult[] result = new ChatProcess.ProcessResult[1];
        if (ChatUi.attempt(() -> result[0] = chats.runAction(selectedId, actionId))) {
            Messages.addGlobalInfo("panel_chats.actionDone", title,
                    result[0].message() == null ? "" : result[0].message());
        }
        reloadSelected();
    }

    public void finish() {
        if (ChatUi.attempt(() -> chats.finish(selectedId))) {
            Messages.addGlobalInfo("panel_chats.finished", selected.chat().contactName());
        }
        my = chats.myChats();
        reloadSelected();
    }

    /** Switches the operator between Active and Inactive (CH-04). */
    public void toggleStatus() {
        OperatorStatus next = isActive() ? OperatorStatus.INACTIVE : OperatorStatus.ACTIVE;
        if (ChatUi.attempt(() -> chats.setMyStatus(next))) {
            Messages.addGlobalInfo(next == OperatorStatus.ACTIVE ? "panel_chats.nowActive"
                    : "panel_chats.nowInactive");
        }
        my = chats.myChats();
        arrivals = arrivals(my);
    }

    private void reloadSelected() {
        selected = ChatUi.visible(chats, selectedId);
        if (selected == null) {
            selectedId = null;
            quickReplies = List.of();
        } else {
            quickReplies = selected.canReply() ? chats.quickReplies(selectedId) : List.of();
        }
    }

    private List<FileUpload> uploads() {
        List<FileUpload> uploads = new ArrayList<>();
        if (files != null) {
            for (UploadedFile file : files.getFiles()) {
                if (file.getSize() > 0) {
                    uploads.add(new FileUpload(file.getFileName(), file.getContentType(), file.getContent()));
                }
            }
        }
        return uploads;
    }

    /** The chats waiting for this operator's acceptance: offered to all (CH-03) or assigned to them (CH-04). */
    private static Set<Long> arrivals(MyChats my) {
        Set<Long> ids = new HashSet<>();
        my.offered().forEach(chat -> ids.add(chat.id()));
        my.mine().stream().filter(chat -> chat.status() == ChatStatus.ASSIGNED).forEach(chat -> ids.add(chat.id()));
        return ids;
    }

    public boolean isActive() {
        return my.status().status() == OperatorStatus.ACTIVE;
    }

    /** Whether the open chat is this one, for highlighting it in the lists. */
    public boolean isSelected(ChatSummary chat) {
        return selectedId != null && selectedId == chat.id();
    }

    public MyChats getMy() {
        return my;
    }

    public ChatDetail getSelected() {
        return selected;
    }

    public List<QuickReplyOption> getQuickReplies() {
        return quickReplies;
    }

    public String getReplyText() {
        return replyText;
    }

    public void setReplyText(String replyText) {
        this.replyText = replyText;
    }

    /** The largest file a reply may carry (CH-12), checked in the browser before the upload. */
    public int getFileMaxBytes() {
        return ChatService.REPLY_FILE_MAX_BYTES;
    }

    public int getFileMaxMegabytes() {
        return ChatService.REPLY_FILE_MAX_BYTES / (1024 * 1024);
    }

    public int getFilesMax() {
        return ChatService.REPLY_FILES_MAX;
    }

    public UploadedFiles getFiles() {
        return files;
    }

    public void setFiles(UploadedFiles files) {
        this.files = files;
    }
}
