package org.switchboard.web.chat;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import org.switchboard.core.chat.ChannelView;
import org.switchboard.core.chat.ChatActionView;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.QueueOperatorView;
import org.switchboard.core.chat.QuickReplyView;
import org.switchboard.model.channel.ChannelProvider;

/**
 * The designer's "Chat settings" (CH-01, CH-15): the lists of channels, chat queues, chat actions and quick replies,
 * and the providers "+" offers for a new channel.
 */
@Named
@ViewScoped
public class ChatSettingsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private ChatSettingsService settings;

    private List<ChannelView> channels;
    private List<ChatQueueView> queues;
    private List<ChatActionView> actions;
    private List<QuickReplyView> quickReplies;
    private List<ChannelProvider> providers;

    @PostConstruct
    void load() {
        channels = settings.channels();
        queues = settings.queues();
        actions = settings.actions();
        quickReplies = settings.quickReplies();
        providers = settings.availableProviders();
    }

    public List<ChannelView> getChannels() {
        return channels;
    }

    public List<ChatQueueView> getQueues() {
        return queues;
    }

    public List<ChatActionView> getActions() {
        return actions;
    }

    public List<QuickReplyView> getQuickReplies() {
        return quickReplies;
    }

    public List<ChannelProvider> getProviders() {
        return providers;
    }

    /** The queue's operators, as one line. */
    public String operators(ChatQueueView queue) {
        return queue.operators().stream().map(QueueOperatorView::name).collect(Collectors.joining(", "));
    }
}
