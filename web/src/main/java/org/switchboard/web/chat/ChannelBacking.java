package org.switchboard.web.chat;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.channel.ChannelAccessChecks;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.chat.ChannelView;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.common.BusinessException;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * A channel's mini-card (CH-11, CH-14, CH-15): name, active, queue (required), language, and the provider's own
 * settings, which its card fragment ({@code /WEB-INF/includes/channel/<provider>.xhtml}) edits by name: a Telegram
 * bot's token (TG-02), a WhatsApp channel's Twilio account and numbers (WA-01) with the webhook URL to give Twilio
 * (WA-06). Created for the provider chosen under "+", or opened by the channel's name. Deleting asks first; one with
 * chats is refused (CH-10).
 */
@Named
@ViewScoped
public class ChannelBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("provider", "channel:provider"),
            Map.entry("name", "channel:name"), Map.entry("active", "channel:active"),
            Map.entry("queueId", "channel:queue"), Map.entry("language", "channel:language"));
    /** The card fragment of a provider this installation has no adapter for: the save is refused with why. */
    private static final String UNAVAILABLE = "unavailable";

    @Inject
    private ChatSettingsService settings;

    @Inject
    private ChannelAccessChecks checks;

    @Inject
    @Param
    private ParamValue<Long> id;

    private ChannelView channel;
    private List<ChatQueueView> queues;
    private List<String> languages;
    private ChannelProvider provider;
    private String name;
    private boolean active = true;
    private Long queueId;
    private String language;
    private boolean offered;
    /** The provider's settings as the card fragment edits them, by name; a secret left blank keeps the stored one. */
    private final Map<String, String> providerSettings = new HashMap<>();
    /** The provider's yes/no settings as the card fragment's checkboxes edit them (FB-05's external bot), by name. */
    private final Map<String, Boolean> providerFlags = new HashMap<>();

    /** Loads the channel of the {@code id} parameter, or prepares one of the {@code provider} parameter. */
    public void load() throws IOException {
        if (queues != null) {
            return;
        }
        queues = settings.queues();
        languages = settings.languages();
        language = languages.get(0);
        channel = RecordPages.loadOrNew(id, settings::channel, "designer_channel.notFound", ChatCards.LIST);
        if (channel != null) {
            provider = channel.provider();
            name = channel.name();
            active = channel.active();
            queueId = channel.queueId();
            language = channel.language();
            providerSettings.putAll(channel.settings());
            channel.settings().forEach((key, value) -> {
                if ("true".equals(value)) {
                    providerFlags.put(key, true);
                }
            });
        } else {
            // CH-15: "+" names an available provider; any other is shown, and refused with its reason on save.
            String parameter = Faces.getRequestParameter("provider");
            provider = Arrays.stream(ChannelProvider.values()).filter(p -> p.name().equals(parameter)).findFirst()
                    .orElse(settings.availableProviders().get(0));
        }
        offered = settings.availableProviders().contains(provider);
    }

    /**
     * Saves the card; a new Telegram or WhatsApp channel is created only once its provider took it (TG-03: "Apply";
     * WA-05: "Connect"). The address in use fills an empty {@code SiteUrl} (TG-01).
     */
    public void save() throws IOException {
        Map<String, String> given = new HashMap<>();
        providerSettings.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(key, value);
            }
        });
        providerFlags.forEach((key, value) -> given.put(key, Boolean.toString(Boolean.TRUE.equals(value))));
        ChannelDraft draft = new ChannelDraft(provider, name, active, queueId, language, given);
        String base = Faces.getRequestBaseURL();
        try {
            ChannelView saved = channel == null ? settings.createChannel(draft, base)
                    : settings.updateChannel(channel.id(), channel.version(), draft, base);
            ChatCards.backToList(channel == null ? "designer_channel.created" : "designer_channel.saved", saved.name());
        } catch (BusinessException e) {
            UiErrors.show(e, fields(e));
        }
    }

    /** The card's fields; a provider setting's input has the setting's name as its id (its card fragment). */
    private static Map<String, String> fields(BusinessException e) {
        if (e.getField() == null || FIELDS.containsKey(e.getField())) {
            return FIELDS;
        }
        return Map.of(e.getField(), "channel:" + e.getField());
    }

    /**
     * "Check now" (FB-07): asks the messenger whether it still takes the channel's messages; the card then shows the
     * flag or its absence. What the administrator typed on the card stays; the check changed the channel's version,
     * so the card takes the new one.
     */
    public void checkAccess() {
        try {
            checks.checkNow(channel.id());
            channel = settings.channel(channel.id());
            providerSettings.putAll(channel.settings());
            if (channel.flagged()) {
                Messages.addGlobalWarn("designer_channel.check.flagged", channel.flagReason());
            } else {
                Messages.addGlobalInfo("designer_channel.check.fine", channel.name());
            }
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** Whether the card offers "Check now": a saved channel of a provider that can be asked (FB-07). */
    public boolean isCheckable() {
        return channel != null && settings.checksAccess(channel.provider());
    }

    public void delete() throws IOException {
        try {
            settings.deleteChannel(channel.id());
            ChatCards.backToList("designer_channel.deleted", channel.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** A provider setting of the saved channel that may be shown (the bot's name, the webhook URL). */
    public String shown(String key) {
        return channel == null ? null : channel.settings().get(key);
    }

    public boolean isNew() {
        return channel == null;
    }

    /**
     * Whether this is a new channel of a provider whose channels come from signing in (Facebook's pages, FB-02): the
     * card then offers the sign-in rather than the fields and the save.
     */
    public boolean isSignInToAdd() {
        return channel == null && offered && !settings.createdFromCard(provider);
    }

    /** The provider's settings by name, for its card fragment's inputs. */
    public Map<String, String> getSettings() {
        return providerSettings;
    }

    /** The provider's yes/no settings by name, for its card fragment's checkboxes. */
    public Map<String, Boolean> getFlags() {
        return providerFlags;
    }

    /** The name of the provider's card fragment: the provider's, or {@value #UNAVAILABLE} without an adapter. */
    public String getFragment() {
        return offered ? provider.name().toLowerCase(Locale.ROOT) : UNAVAILABLE;
    }

    /** The label of "save" on a new channel: the provider's own ("Connect" for WhatsApp, WA-05). */
    public String getCreateLabel() {
        return offered ? "designer_channel.action.create." + provider.name() : "action.save";
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
