package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.channel.telegram.TelegramClient;
import org.switchboard.core.channel.telegram.TelegramUpdates;
import org.switchboard.core.channel.whatsapp.WhatsAppChannels;
import org.switchboard.core.channel.whatsapp.WhatsAppClient;
import org.switchboard.core.common.ProviderException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Fetches a customer's file from the messenger it came through (TG-*, WA-02): Telegram's by {@code getFile} with the
 * channel's bot token, WhatsApp's from Twilio's media URL with the channel's account: right after the message is
 * stored ({@link ChannelFilePrefetch}), or when first opened if that failed. The caller keeps the bytes, so each file
 * is fetched once. A source of another kind (a Custom channel's URL) is not fetched here.
 */
@ApplicationScoped
public class ChannelFiles {

    private static final Logger LOG = Logger.getLogger(ChannelFiles.class.getName());

    @Inject
    private TelegramClient telegram;

    @Inject
    private WhatsAppClient whatsApp;

    @Inject
    private WhatsAppChannels whatsAppChannels;

    @Inject
    private ChannelSecrets secrets;

    /**
     * The file's bytes, or empty when the source is not the channel's messenger's.
     *
     * @throws ProviderException when the messenger refuses or cannot be reached, with its reason
     */
    public Optional<ChannelFile> fetch(Channel channel, String source, String fileName, String contentType) {
        if (source == null) {
            return Optional.empty();
        }
        try {
            if (channel.getProvider() == ChannelProvider.TELEGRAM && source.startsWith(TelegramUpdates.FILE_SCHEME)) {
                String token = secrets.get(channel, ChannelSettings.BOT_TOKEN).orElseThrow();
                return Optional.of(telegram.download(token, source.substring(TelegramUpdates.FILE_SCHEME.length()),
                        fileName, contentType));
            }
            if (channel.getProvider() == ChannelProvider.WHATSAPP
                    && (source.startsWith("https://") || source.startsWith("http://"))) {
                ChannelFile file = whatsApp.fetchMedia(whatsAppChannels.account(channel), source);
                return Optional.of(new ChannelFile(fileName, contentType != null ? contentType : file.contentType(),
                        file.content()));
            }
            return Optional.empty();
        } catch (ProviderRefusedException e) {
            LOG.warning(() -> "A file of channel " + channel.getId() + " could not be fetched: " + e.getMessage());
            throw new ProviderException("error.channel.fileUnavailable", null, e.getMessage());
        }
    }
}
