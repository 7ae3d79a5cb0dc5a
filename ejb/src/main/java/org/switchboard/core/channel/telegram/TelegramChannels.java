package org.switchboard.core.channel.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.core.chat.ChannelDraft;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * A Telegram channel's bot (TG-01..TG-03). Saving checks the token with {@code getMe} and, while the channel is active,
 * registers the webhook {@code SiteUrl/hooks/telegram/{channel}} with a new random secret; deactivating or deleting
 * the channel removes the webhook. Runs in the caller's transaction, after the generic checks, so a refusal rolls the
 * whole save back: a channel is never saved active with a webhook that Telegram did not take.
 */
@ApplicationScoped
public class TelegramChannels {

    public static final String HOOK_PATH = "/hooks/telegram/";
    private static final Logger LOG = Logger.getLogger(TelegramChannels.class.getName());
    private static final int SECRET_LENGTH = 48;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private TelegramClient client;

    @Inject
    private ChannelSecrets secrets;

    @Inject
    private SiteUrls siteUrls;

    /**
     * Applies the draft's token and the channel's state to Telegram.
     *
     * @param wasActive whether the channel was active before this save (false for a new one)
     */
    public void saving(Channel channel, boolean wasActive, ChannelDraft draft, String requestBaseUrl) {
        Optional<String> stored = secrets.get(channel, ChannelSettings.BOT_TOKEN);
        String given = draft.setting(ChannelSettings.BOT_TOKEN);
        if (given == null && stored.isEmpty()) {
            throw new InvalidInputException("validation.required", ChannelSettings.BOT_TOKEN);
        }
        if (given != null && !HttpTelegramClient.TOKEN.matcher(given).matches()) {
            throw new InvalidInputException("validation.telegram.tokenFormat", ChannelSettings.BOT_TOKEN);
        }
        String token = given != null ? given : stored.get();
        boolean newToken = stored.isEmpty() || !stored.get().equals(token);
        if (newToken) {
            TelegramClient.Bot bot = call(() -> client.getMe(token));
            checkBotFree(channel, bot);
            secrets.put(channel, ChannelSettings.BOT_TOKEN, token);
            secrets.put(channel, ChannelSettings.BOT_ID, Long.toString(bot.id()));
            secrets.put(channel, ChannelSettings.BOT_USERNAME, bot.username());
        }
        if (channel.isActive()) {
            String url = siteUrls.siteUrl(requestBaseUrl) + HOOK_PATH + channel.getId();
            boolean registered = wasActive && !newToken
                    && url.equals(channel.getProperties().get(ChannelSettings.WEBHOOK_URL));
            if (!registered) {
                String secret = ChannelSecrets.randomToken(SECRET_LENGTH);
                call(() -> {
                    client.setWebhook(token, url, secret);
                    return null;
                });
                secrets.put(channel, ChannelSettings.WEBHOOK_SECRET, secret);
                secrets.put(channel, ChannelSettings.WEBHOOK_URL, url);
                LOG.info(() -> "Telegram webhook of channel " + channel.getId() + " registered");
            }
            if (newToken && stored.isPresent() && wasActive) {
                removeWebhook(channel.getId(), stored.get());
            }
        } else if (wasActive || channel.getProperties().containsKey(ChannelSettings.WEBHOOK_URL)) {
            removeWebhook(channel.getId(), stored.orElse(token));
            if (newToken && stored.isPresent()) {
                removeWebhook(channel.getId(), token);
            }
            secrets.put(channel, ChannelSettings.WEBHOOK_SECRET, null);
            secrets.put(channel, ChannelSettings.WEBHOOK_URL, null);
        }
    }

    /** Removes the webhook of a channel about to be deleted. */
    public void deleting(Channel channel) {
        if (channel.getProperties().containsKey(ChannelSettings.WEBHOOK_URL)) {
            secrets.get(channel, ChannelSettings.BOT_TOKEN).ifPresent(token -> removeWebhook(channel.getId(), token));
        }
    }

    /** The settings the card shows: the bot's name and the registered webhook. */
    public void visible(Channel channel, Map<String, String> settings) {
        for (String key : new String[] {ChannelSettings.BOT_USERNAME, ChannelSettings.BOT_ID,
                ChannelSettings.WEBHOOK_URL}) {
            secrets.get(channel, key).ifPresent(value -> settings.put(key, value));
        }
    }

    /**
     * {@code deleteWebhook}. A token Telegram no longer accepts has no webhook to remove; an unreachable Telegram
     * stops the save, since it would go on posting to a channel that is no longer active.
     */
    private void removeWebhook(long channelId, String token) {
        try {
            client.deleteWebhook(token);
            LOG.info(() -> "Telegram webhook of channel " + channelId + " removed");
        } catch (ProviderRefusedException e) {
            if (!e.refused()) {
                throw new ProviderException("error.telegram.webhookNotRemoved", null, e.getMessage());
            }
            LOG.warning(() -> "Telegram webhook of channel " + channelId + " not removed: " + e.getMessage());
        }
    }

    /** One bot, one channel (TG-02: the bot must not be used elsewhere, Switchboard included). */
    private void checkBotFree(Channel channel, TelegramClient.Bot bot) {
        String id = Long.toString(bot.id());
        em.createNamedQuery(Channel.ALL, Channel.class).getResultStream()
                .filter(other -> other.getProvider() == ChannelProvider.TELEGRAM && !other.equals(channel))
                .filter(other -> id.equals(other.getProperties().get(ChannelSettings.BOT_ID)))
                .findFirst().ifPresent(other -> {
                    throw new RuleViolationException("error.telegram.botTaken", ChannelSettings.BOT_TOKEN,
                            bot.username(), other.getName());
                });
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderRefusedException e) {
            if (e.refused()) {
                throw new InvalidInputException("validation.telegram.refused", ChannelSettings.BOT_TOKEN,
                        e.getMessage());
            }
            throw new ProviderException("error.telegram.unavailable", ChannelSettings.BOT_TOKEN, e.getMessage());
        }
    }
}
