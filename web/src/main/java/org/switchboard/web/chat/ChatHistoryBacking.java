package org.switchboard.web.chat;

import jakarta.annotation.PostConstruct;
import jakarta.faces.component.UIData;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.omnifaces.cdi.Param;
import org.omnifaces.util.Components;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.switchboard.core.chat.ChatDetail;
import org.switchboard.core.chat.ChatFilter;
import org.switchboard.core.chat.ChatPage;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.chat.ChatSummary;
import org.switchboard.model.chat.ChatStatus;

/**
 * The Chats section (CH-12): every chat the caller may see, filtered by channel, queue, operator, status, creation
 * date and text, a page at a time; one chat's whole history and routing decisions, read-only. The channel, queue
 * and operator choices are the ones met in the results so far (no list of them is open to operators).
 */
@Named
@ViewScoped
public class ChatHistoryBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String TABLE = "results:table";

    @Inject
    private ChatService chats;

    /** The chat to show at once (a link from elsewhere); {@code null} when there is none or it is not a number. */
    @Inject
    @Param
    private Long id;

    private Long channelId;
    private Long queueId;
    private Long operatorId;
    private ChatStatus status;
    private LocalDate from;
    private LocalDate to;
    private String text;
    private ChatFilter filter = ChatFilter.ALL;
    private final Map<Long, String> channels = new TreeMap<>();
    private final Map<Long, String> queues = new TreeMap<>();
    private final Map<Long, String> operators = new TreeMap<>();
    private final LazyDataModel<ChatSummary> model = new Model();
    private ChatDetail selected;

    @PostConstruct
    void load() {
        if (id != null) {
            open(id);
        }
    }

    /** Applies the filter inputs; the table starts again at its first page. */
    public void search() {
        if (from != null && to != null && to.isBefore(from)) {
            Messages.addError("filter:to", "validation.chat.dateRange");
            Faces.validationFailed();
            return;
        }
        filter = new ChatFilter(channelId, queueId, operatorId, status, from, to,
                text == null || text.isBlank() ? null : text.trim());
        firstPage();
    }

    public void reset() {
        channelId = null;
        queueId = null;
        operatorId = null;
        status = null;
        from = null;
        to = null;
        text = null;
        filter = ChatFilter.ALL;
        firstPage();
    }

    private static void firstPage() {
        if (Components.findComponent(TABLE) instanceof UIData table) {
            table.setFirst(0);
        }
    }

    /** Shows one chat's history and routing decisions, read-only. */
    public void open(long chatId) {
        selected = ChatUi.visible(chats, chatId);
        if (selected == null) {
            Messages.addGlobalError("panel_chats.notAvailable");
        }
    }

    public void close() {
        selected = null;
    }

    /** FB-05: takes the shown bot dialog from the external bot; it becomes the caller's chat in work. */
    public void takeFromBot() {
        long chatId = selected.chat().id();
        if (ChatUi.attempt(() -> chats.takeFromBot(chatId))) {
            Messages.addGlobalInfo("panel_history.takenFromBot", selected.chat().contactName());
        }
        open(chatId);
    }

    /** Loads the table's pages through the service with the applied filter. */
    private final class Model extends LazyDataModel<ChatSummary> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, chats.search(filter, 0, 1).total());
        }

        @Override
        public List<ChatSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                      Map<String, FilterMeta> filterBy) {
            ChatPage page = chats.search(filter, first, pageSize);
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            for (ChatSummary chat : page.chats()) {
                channels.put(chat.channelId(), chat.channelName());
                queues.put(chat.queueId(), chat.queueName());
                if (chat.operatorId() != null) {
                    operators.put(chat.operatorId(), chat.operatorName() == null ? chat.operatorLogin()
                            : chat.operatorName());
                }
            }
            return page.chats();
        }

        @Override
        public String getRowKey(ChatSummary chat) {
            return Long.toString(chat.id());
        }

        @Override
        public ChatSummary getRowData(String rowKey) {
            return getWrappedData().stream().filter(c -> Long.toString(c.id()).equals(rowKey)).findFirst()
                    .orElse(null);
        }
    }

    public LazyDataModel<ChatSummary> getModel() {
        return model;
    }

    public ChatDetail getSelected() {
        return selected;
    }

    public ChatStatus[] getStatuses() {
        return ChatStatus.values();
    }

    public Map<Long, String> getChannels() {
        return channels;
    }

    public Map<Long, String> getQueues() {
        return queues;
    }

    public Map<Long, String> getOperators() {
        return operators;
    }

    public Long getChannelId() {
        return channelId;
    }

    public void setChannelId(Long channelId) {
        this.channelId = channelId;
    }

    public Long getQueueId() {
        return queueId;
    }

    public void setQueueId(Long queueId) {
        this.queueId = queueId;
    }

    public Long getOperatorId() {
        return operatorId;
    }

    public void setOperatorId(Long operatorId) {
        this.operatorId = operatorId;
    }

    public ChatStatus getStatus() {
        return status;
    }

    public void setStatus(ChatStatus status) {
        this.status = status;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
