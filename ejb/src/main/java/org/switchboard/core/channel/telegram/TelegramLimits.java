package org.switchboard.core.channel.telegram;

/** The Bot API's documented limits (core.telegram.org/bots/api, Bots FAQ). */
public final class TelegramLimits {

    /** Characters of a {@code sendMessage} text. */
    public static final int TEXT_MAX = 4096;
    /** Characters of a photo's or document's caption. */
    public static final int CAPTION_MAX = 1024;
    /** Bytes of a photo sent with {@code sendPhoto}; larger images go as documents. */
    public static final int PHOTO_MAX_BYTES = 10 * 1024 * 1024;
    /** Bytes of a file a bot can download. */
    public static final int DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;
    /** Messages per second a bot may send in all (Bots FAQ: "about 30"). */
    public static final int PER_BOT_PER_SECOND = 30;

    private TelegramLimits() {
    }
}
