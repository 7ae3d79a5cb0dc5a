package org.switchboard.core.channel;

/**
 * The names of the provider settings every messenger's channel may keep as properties (TG-03, WA-06); each adapter
 * names its own in its package ({@code TelegramSettings}, {@code WhatsAppSettings}) and says which are secret
 * ({@link ChannelAdapter#secretSettings()}).
 */
public final class ChannelSettings {

    /** The URL the provider posts to (TG-03: registered with Telegram; WA-06: to paste into Twilio). */
    public static final String WEBHOOK_URL = "webhookUrl";
    /**
     * FB-05: the app id of the external bot that answers the channel's customers first (the page's primary receiver);
     * set only on channels whose adapter offers a bot ({@link ChannelAdapter#offersExternalBot()}, FB-06).
     */
    public static final String BOT_APP_ID = "botAppId";
    /**
     * FB-05: the card's "an external bot answers first", {@code true} or {@code false} in a draft; absent keeps what
     * the channel has, or turns the bot on when a {@link #BOT_APP_ID} is given.
     */
    public static final String EXTERNAL_BOT = "externalBot";

    private ChannelSettings() {
    }
}
