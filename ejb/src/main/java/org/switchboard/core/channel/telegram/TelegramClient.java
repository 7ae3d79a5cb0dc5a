package org.switchboard.core.channel.telegram;

import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;

/**
 * The Telegram Bot API in Switchboard's terms (TG-*): checking a bot's token, its webhook, sending and downloading.
 * The token is part of every URL of the API, so an implementation never logs a URL.
 */
public interface TelegramClient {

    /** The bot a token belongs to. */
    record Bot(long id, String username, String firstName) {
    }

    /** How a file is sent: as a photo (shown inline, compressed by Telegram) or as a document. */
    enum FileKind {
        PHOTO, DOCUMENT
    }

    /**
     * {@code getMe} (TG-03): the token's bot.
     *
     * @throws ProviderRefusedException refused when Telegram does not accept the token, not refused when it cannot be
     *                                  reached
     */
    Bot getMe(String token);

    /**
     * {@code setWebhook} (TG-03): Telegram posts the bot's messages to {@code url} with the header
     * {@code X-Telegram-Bot-Api-Secret-Token: secret}.
     */
    void setWebhook(String token, String url, String secret);

    /** {@code deleteWebhook}: Telegram stops posting the bot's updates here. */
    void deleteWebhook(String token);

    /** {@code sendMessage}: a text of at most {@value TelegramLimits#TEXT_MAX} characters. */
    SendOutcome sendMessage(String token, String chatId, String text);

    /** {@code sendPhoto} or {@code sendDocument} with an optional caption of at most 1,024 characters. */
    SendOutcome sendFile(String token, String chatId, FileKind kind, ChannelFile file, String caption);

    /** {@code getFile}, then the file's bytes (at most 20 MB: the Bot API's limit). */
    ChannelFile download(String token, String fileId, String fileName, String contentType);
}
