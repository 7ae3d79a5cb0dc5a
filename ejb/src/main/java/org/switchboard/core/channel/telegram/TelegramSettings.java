package org.switchboard.core.channel.telegram;

import java.util.Set;

/** The settings a Telegram channel keeps (TG-02, TG-03); those in {@link #SECRET} are encrypted and never shown. */
public final class TelegramSettings {

    /** The bot's token from BotFather (TG-02). */
    public static final String BOT_TOKEN = "botToken";
    /** The bot's id and user name, as {@code getMe} answered. */
    public static final String BOT_ID = "botId";
    public static final String BOT_USERNAME = "botUsername";
    /** The random {@code secret_token} of the registered webhook. */
    public static final String WEBHOOK_SECRET = "webhookSecret";

    static final Set<String> SECRET = Set.of(BOT_TOKEN, WEBHOOK_SECRET);

    private TelegramSettings() {
    }
}
