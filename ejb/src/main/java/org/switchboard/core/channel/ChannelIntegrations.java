package org.switchboard.core.channel;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.switchboard.core.channel.telegram.TelegramChannels;
import org.switchboard.core.channel.whatsapp.WhatsAppChannels;
import org.switchboard.core.chat.ChannelDraft;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * The provider side of saving and deleting a channel (TG-03, WA-05): the chat settings call it after their own checks,
 * in their transaction, and the provider's integration talks to its API. A Custom (JMS) channel has nothing to do.
 */
@ApplicationScoped
public class ChannelIntegrations {

    @Inject
    private TelegramChannels telegram;

    @Inject
    private WhatsAppChannels whatsApp;

    @Inject
    private WebhookKeys keys;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * @param created   whether the channel is new (persisted, with its id, in this transaction)
     * @param wasActive whether it was active before this save
     */
    public void saving(Channel channel, boolean created, boolean wasActive, ChannelDraft draft,
            String requestBaseUrl) {
        forgetKeyOnCompletion(channel.getId());
        switch (channel.getProvider()) {
            case TELEGRAM -> telegram.saving(channel, wasActive, draft, requestBaseUrl);
            case WHATSAPP -> whatsApp.saving(channel, created, draft, requestBaseUrl);
            default -> {
                // Custom channels integrate over JMS; Facebook arrives with its own integration.
            }
        }
    }

    public void deleting(Channel channel) {
        forgetKeyOnCompletion(channel.getId());
        if (channel.getProvider() == ChannelProvider.TELEGRAM) {
            telegram.deleting(channel);
        }
    }

    /** The webhooks read the channel's new credential once this transaction has ended (committed or not). */
    private void forgetKeyOnCompletion(long channelId) {
        keys.forget(channelId);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing before the commit
            }

            @Override
            public void afterCompletion(int status) {
                keys.forget(channelId);
            }
        });
    }

    /** The provider settings a card and the REST API may show (never a secret). */
    public Map<String, String> visible(Channel channel) {
        Map<String, String> settings = new TreeMap<>();
        switch (channel.getProvider()) {
            case TELEGRAM -> telegram.visible(channel, settings);
            case WHATSAPP -> whatsApp.visible(channel, settings);
            default -> {
                // none
            }
        }
        return settings;
    }
}
