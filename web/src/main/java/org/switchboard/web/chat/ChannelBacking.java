package org.switchboard.web.chat;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.omnifaces.util.Faces;
import org.switchboard.core.chat.ChannelDraft;
import org.switchboard.core.chat.ChannelView;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.common.BusinessException;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.web.common.UiErrors;

/**
 * A channel's mini-card (CH-11, CH-14, CH-15): name, active, queue (required), language; created for the provider
 * chosen under "+", or opened by the channel's name. Deleting asks first; one with chats is refused (CH-10).
 */
@Named
@ViewScoped
public class ChannelBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("provider", "channel:provider", "name", "channel:name",
            "active", "channel:active", "queueId", "channel:queue", "language", "channel:language");

    @Inject
    private ChatSettingsService settings;

    private ChannelView channel;
    private List<ChatQueueView> queues;
    private List<String> languages;
    private ChannelProvider provider;
    private String name;
    private boolean active = true;
    private Long queueId;
    private String language;

    /** Loads the channel of the {@code id} parameter, or prepares one of the {@code provider} parameter. */
    public void load() throws IOException {
        if (queues != null) {
            return;
        }
        queues = settings.queues();
        languages = settings.languages();
        language = languages.get(0);
        channel = ChatCards.load("designer_channel.notFound", settings::channel);
        if (channel != null) {
            provider = channel.provider();
            name = channel.name();
            active = channel.active();
            queueId = channel.queueId();
            language = channel.language();
        } else {
            // CH-15: "+" names an available provider; any other is shown, and refused with its reason on save.
            String parameter = Faces.getRequestParameter("provider");
            provider = Arrays.stream(ChannelProvider.values()).filter(p -> p.name().equals(parameter)).findFirst()
                    .orElse(settings.availableProviders().get(0));
        }
    }

    public void save() throws IOException {
        ChannelDraft draft = new ChannelDraft(provider, name, active, queueId, language);
        try {
            ChannelView saved = channel == null ? settings.createChannel(draft)
                    : settings.updateChannel(channel.id(), channel.version(), draft);
            ChatCards.backToList(channel == null ? "designer_channel.created" : "designer_channel.saved", saved.name());
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void delete() throws IOException {
        try {
            settings.deleteChannel(channel.id());
            ChatCards.backToList("designer_channel.deleted", channel.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public boolean isNew() {
        return channel == null;
    }

    public ChannelView getChannel() {
        return channel;
    }

    public List<ChatQueueView> getQueues() {
        return queues;
    }

    public List<String> getLanguages() {
        return languages;
    }

    public ChannelProvider getProvider() {
        return provider;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public Long getQueueId() {
        return queueId;
    }

    public void setQueueId(Long queueId) {
        this.queueId = queueId;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }
}
