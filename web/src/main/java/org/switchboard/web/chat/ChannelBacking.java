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
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.chat.ChannelDraft;
import org.switchboard.core.chat.ChannelView;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.common.BusinessException;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * A channel's mini-card (CH-11, CH-14, CH-15): name, active, queue (required), language, and the provider's own
 * settings: a Telegram bot's token (TG-02), a WhatsApp channel's Twilio account and numbers (WA-01) with the webhook
 * URL to give Twilio (WA-06). Created for the provider chosen under "+", or opened by the channel's name. Deleting
 * asks first; one with chats is refused (CH-10).
 */
@Named
@ViewScoped
public class ChannelBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("provider", "channel:provider"),
            Map.entry("name", "channel:name"), Map.entry("active", "channel:active"),
            Map.entry("queueId", "channel:queue"), Map.entry("language", "channel:language"),
            Map.entry(ChannelSettings.BOT_TOKEN, "channel:botToken"),
            Map.entry(ChannelSettings.ACCOUNT_SID, "channel:accountSid"),
            Map.entry(ChannelSettings.AUTH_TOKEN, "channel:authToken"),
            Map.entry(ChannelSettings.PHONE_NUMBER, "channel:phoneNumber"),
            Map.entry(ChannelSettings.VERIFICATION_NUMBER, "channel:verificationNumber"));

    @Inject
    private ChatSettingsService settings;

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
    private String botToken;
    private String accountSid;
    private String authToken;
    private String phoneNumber;
    private String verificationNumber;

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
            accountSid = channel.settings().get(ChannelSettings.ACCOUNT_SID);
            phoneNumber = channel.settings().get(ChannelSettings.PHONE_NUMBER);
            verificationNumber = channel.settings().get(ChannelSettings.VERIFICATION_NUMBER);
        } else {
            // CH-15: "+" names an available provider; any other is shown, and refused with its reason on save.
            String parameter = Faces.getRequestParameter("provider");
            provider = Arrays.stream(ChannelProvider.values()).filter(p -> p.name().equals(parameter)).findFirst()
                    .orElse(settings.availableProviders().get(0));
        }
    }

    /**
     * Saves the card; a new Telegram or WhatsApp channel is created only once its provider took it (TG-03: "Apply";
     * WA-05: "Connect"). The address in use fills an empty {@code SiteUrl} (TG-01).
     */
    public void save() throws IOException {
        Map<String, String> given = new HashMap<>();
        put(given, ChannelSettings.BOT_TOKEN, botToken);
        put(given, ChannelSettings.ACCOUNT_SID, accountSid);
        put(given, ChannelSettings.AUTH_TOKEN, authToken);
        put(given, ChannelSettings.PHONE_NUMBER, phoneNumber);
        put(given, ChannelSettings.VERIFICATION_NUMBER, verificationNumber);
        ChannelDraft draft = new ChannelDraft(provider, name, active, queueId, language, given);
        String base = Faces.getRequestBaseURL();
        try {
            ChannelView saved = channel == null ? settings.createChannel(draft, base)
                    : settings.updateChannel(channel.id(), channel.version(), draft, base);
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

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(key, value);
        }
    }

    /** A provider setting of the saved channel that may be shown (the bot's name, the webhook URL). */
    public String shown(String key) {
        return channel == null ? null : channel.settings().get(key);
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

    public String getBotToken() {
        return botToken;
    }

    public void setBotToken(String botToken) {
        this.botToken = botToken;
    }

    public String getAccountSid() {
        return accountSid;
    }

    public void setAccountSid(String accountSid) {
        this.accountSid = accountSid;
    }

    public String getAuthToken() {
        return authToken;
    }

    public void setAuthToken(String authToken) {
        this.authToken = authToken;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    public void setPhoneNumber(String phoneNumber) {
        this.phoneNumber = phoneNumber;
    }

    public String getVerificationNumber() {
        return verificationNumber;
    }

    public void setVerificationNumber(String verificationNumber) {
        this.verificationNumber = verificationNumber;
    }
}
