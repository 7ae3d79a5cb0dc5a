package org.switchboard.core.channel;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.Optional;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.TransactionEnd;
import org.switchboard.model.channel.Channel;

/**
 * The provider side of saving and deleting a channel (TG-03, WA-05): the chat settings call it after their own checks,
 * in their transaction, and the channel's adapter talks to its provider. Whatever the provider, the webhooks read
 * the channel's credentials again once the transaction has ended.
 */
@ApplicationScoped
public class ChannelIntegrations {

    @Inject
    private ChannelAdapters adapters;

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
        ChannelAdapter adapter = adapters.of(channel.getProvider());
        if (!adapter.offersExternalBot() && (draft.setting(ChannelSettings.BOT_APP_ID) != null
                || "true".equalsIgnoreCase(draft.setting(ChannelSettings.EXTERNAL_BOT)))) {
            // FB-06: only Messenger's channels have an external bot; any other would keep the setting and never use it.
            throw new InvalidInputException("validation.channel.externalBotNotOffered", ChannelSettings.BOT_APP_ID,
                    channel.getProvider().name());
        }
        adapter.saving(channel, created, wasActive, draft, requestBaseUrl);
    }

    /** The app id of the channel's external bot (FB-05); empty when it has none. */
    public static Optional<String> botAppId(Channel channel) {
        String id = channel.getProperties().get(ChannelSettings.BOT_APP_ID);
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
    }

    public void deleting(Channel channel) {
        forgetKeyOnCompletion(channel.getId());
        adapters.of(channel.getProvider()).deleting(channel);
    }

    /** The webhooks read the channel's new credential once this transaction has ended (committed or not). */
    private void forgetKeyOnCompletion(long channelId) {
        keys.forget(channelId);
        TransactionEnd.afterCompletion(transactions, () -> keys.forget(channelId));
    }

    /** The provider settings a card and the REST API may show (never a secret). */
    public Map<String, String> visible(Channel channel) {
        return adapters.of(channel.getProvider()).visible(channel);
    }
}
