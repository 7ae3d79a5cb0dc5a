package org.switchboard.core.channel;

/**
 * The names of the provider settings every messenger's channel may keep as properties (TG-03, WA-06); each adapter
 * names its own in its package ({@code TelegramSettings}, {@code WhatsAppSettings}) and says which are secret
 * ({@link ChannelAdapter#secretSettings()}).
 */
public final class ChannelSettings {

    /** The URL the provider posts to (TG-03: registered with Telegram; WA-06: to paste into Twilio). */
    public static final String WEBHOOK_URL = "webhookUrl";

    private ChannelSettings() {
    }
}
