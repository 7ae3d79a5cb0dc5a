package org.switchboard.core.channel;

import java.util.Set;

/**
 * The names of the provider settings a channel keeps as properties (TG-02, WA-01). Those in {@link #SECRET} are stored
 * encrypted and never shown; the others appear in the channel's view.
 */
public final class ChannelSettings {

    /** Telegram: the bot's token from BotFather (TG-02). */
    public static final String BOT_TOKEN = "botToken";
    /** Telegram: the bot's id and user name, as {@code getMe} answered. */
    public static final String BOT_ID = "botId";
    public static final String BOT_USERNAME = "botUsername";
    /** Telegram: the random {@code secret_token} of the registered webhook. */
    public static final String WEBHOOK_SECRET = "webhookSecret";
    /** The URL the provider posts to (TG-03: registered with Telegram; WA-06: to paste into Twilio). */
    public static final String WEBHOOK_URL = "webhookUrl";

    /** WhatsApp: Twilio's Account SID and Auth Token (WA-01). */
    public static final String ACCOUNT_SID = "accountSid";
    public static final String AUTH_TOKEN = "authToken";
    /** WhatsApp: the Twilio sender number, and the number the confirmation goes to (WA-01, WA-05). */
    public static final String PHONE_NUMBER = "phoneNumber";
    public static final String VERIFICATION_NUMBER = "verificationNumber";

    public static final Set<String> SECRET = Set.of(BOT_TOKEN, WEBHOOK_SECRET, AUTH_TOKEN);

    private ChannelSettings() {
    }
}
