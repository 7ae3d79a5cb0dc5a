package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.common.ProviderException;
import org.switchboard.model.channel.Channel;

/**
 * Fetches a customer's file from the messenger it came through (TG-*, WA-02), by the channel's adapter: right after
 * the message is stored ({@link ChannelFilePrefetch}), or when first opened if that failed. The caller keeps the
 * bytes, so each file is fetched once. A Custom channel's URL is fetched when first opened ({@code CustomFileFetcher}).
 */
@ApplicationScoped
public class ChannelFiles {

    private static final Logger LOG = Logger.getLogger(ChannelFiles.class.getName());

    @Inject
    private ChannelAdapters adapters;

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
            return adapters.of(channel.getProvider()).fetchFile(channel, source, fileName, contentType);
        } catch (ProviderRefusedException e) {
            LOG.warning(() -> "A file of channel " + channel.getId() + " could not be fetched: " + e.getMessage());
            throw new ProviderException("error.channel.fileUnavailable", null, e.getMessage());
        }
    }
}
