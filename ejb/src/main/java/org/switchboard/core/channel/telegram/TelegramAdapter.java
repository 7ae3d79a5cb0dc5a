package org.switchboard.core.channel.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelDelivery;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.ReplyParts;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Telegram channels (TG-01..TG-03). Saving checks the bot's token with {@code getMe} and, while the channel is active,
 * registers the webhook {@code SiteUrl/hooks/telegram/{channel}} with a new random secret; deactivating or deleting
 * the channel removes the webhook. Runs in the caller's transaction, after the generic checks, so a refusal rolls the
 * whole save back: a channel is never saved active with a webhook that Telegram did not take. Replies go out with
 * {@code sendMessage} in pieces of 4,096 characters, images with {@code sendPhoto}, other files with
 * {@code sendDocument} (a single file carries a short text as its caption), within the Bot FAQ's limits: about 30
 * messages a second per bot and one a second per chat. A customer's file is fetched with {@code getFile}.
 */
@ApplicationScoped
public class TelegramAdapter implements ChannelAdapter {

    public static final String HOOK_PATH = "/hooks/telegram/";
    private static final Logger LOG = Logger.getLogger(TelegramAdapter.class.getName());
    private static final int SECRET_LENGTH = 48;
    private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    private static final Duration PER_BOT = Duration.ofMillis(1000 / TelegramLimits.PER_BOT_PER_SECOND + 1);
    private static final Duration PER_CHAT = Duration.ofSeconds(1);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private TelegramClient client;

    @Inject
    private ChannelSecrets secrets;

    @Inject
    private SiteUrls siteUrls;

    @Override
    public ChannelProvider provider() {
        return ChannelProvider.TELEGRAM;
    }

    @Override
    public int menuOrder() {
        return 10;
    }

    @Override
    public Set<String> secretSettings() {
        return TelegramSettings.SECRET;
    }

    @Override
    public Optional<String> webhookSecret(Channel channel) {
        return secrets.get(channel, TelegramSettings.WEBHOOK_SECRET);
    }

    @Override
    public Dispatch dispatch() {
        return Dispatch.AFTER_COMMIT;
    }

    /** Applies the draft's token and the channel's state to Telegram. */
    @Override
    public void saving(Channel channel, boolean created, boolean wasActive, ChannelDraft draft,
            String requestBaseUrl) {
        Optional<String> stored = secrets.get(channel, TelegramSettings.BOT_TOKEN);
        String given = draft.setting(TelegramSettings.BOT_TOKEN);
        if (given == null && stored.isEmpty()) {
            throw new InvalidInputException("validation.required", TelegramSettings.BOT_TOKEN);
        }
        if (given != null && !HttpTelegramClient.TOKEN.matcher(given).matches()) {
            throw new InvalidInputException("validation.telegram.tokenFormat", TelegramSettings.BOT_TOKEN);
        }
        String token = given != null ? given : stored.get();
        boolean newToken = stored.isEmpty() || !stored.get().equals(token);
        if (newToken) {
            TelegramClient.Bot bot = call(() -> client.getMe(token));
            checkBotFree(channel, bot);
            secrets.put(channel, TelegramSettings.BOT_TOKEN, token);
            secrets.put(channel, TelegramSettings.BOT_ID, Long.toString(bot.id()));
            secrets.put(channel, TelegramSettings.BOT_USERNAME, bot.username());
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
                secrets.put(channel, TelegramSettings.WEBHOOK_SECRET, secret);
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
            secrets.put(channel, TelegramSettings.WEBHOOK_SECRET, null);
            secrets.put(channel, ChannelSettings.WEBHOOK_URL, null);
        }
    }

    /** Removes the webhook of a channel about to be deleted. */
    @Override
    public void deleting(Channel channel) {
        if (channel.getProperties().containsKey(ChannelSettings.WEBHOOK_URL)) {
            secrets.get(channel, TelegramSettings.BOT_TOKEN).ifPresent(token -> removeWebhook(channel.getId(), token));
        }
    }

    /** The settings the card shows: the bot's name and the registered webhook. */
    @Override
    public Map<String, String> visible(Channel channel) {
        return secrets.shown(channel, TelegramSettings.BOT_USERNAME, TelegramSettings.BOT_ID,
                ChannelSettings.WEBHOOK_URL);
    }

    @Override
    public List<Part> parts(ChannelDelivery delivery) {
        return ReplyParts.of(delivery, TelegramLimits.TEXT_MAX, TelegramLimits.CAPTION_MAX);
    }

    @Override
    public SendOutcome send(ChannelDelivery delivery, Part part) {
        String token = delivery.settings().get(TelegramSettings.BOT_TOKEN);
        SendOutcome outcome;
        if (part.file() == null) {
            outcome = client.sendMessage(token, delivery.recipient(), part.text());
        } else {
            ChannelDelivery.OutboundFile file = part.file();
            TelegramClient.FileKind kind = PHOTO_TYPES.contains(file.contentType())
                    && file.content().length <= TelegramLimits.PHOTO_MAX_BYTES
                    ? TelegramClient.FileKind.PHOTO : TelegramClient.FileKind.DOCUMENT;
            outcome = client.sendFile(token, delivery.recipient(), kind,
                    new ChannelFile(file.fileName(), file.contentType(), file.content()), part.text());
        }
        if (outcome instanceof SendOutcome.Sent sent && sent.providerMessageId() != null) {
            // Telegram's message ids count per chat: chat and message id make the key, as for inbound messages.
            return new SendOutcome.Sent(delivery.recipient() + ":" + sent.providerMessageId());
        }
        return outcome;
    }

    @Override
    public List<Limit> limits(ChannelDelivery delivery) {
        return List.of(new Limit("telegram:" + delivery.channelId(), PER_BOT),
                new Limit("telegram:" + delivery.channelId() + ":" + delivery.recipient(), PER_CHAT));
    }

    /** A customer's file by its {@code telegram:} source: {@code getFile} with the bot's token, then the download. */
    @Override
    public Optional<ChannelFile> fetchFile(Channel channel, String source, String fileName, String contentType) {
        if (!source.startsWith(TelegramUpdates.FILE_SCHEME)) {
            return Optional.empty();
        }
        String token = secrets.get(channel, TelegramSettings.BOT_TOKEN).orElseThrow();
        return Optional.of(client.download(token, source.substring(TelegramUpdates.FILE_SCHEME.length()), fileName,
                contentType));
    }

    @Override
    public boolean fetchesFilesAtOnce() {
        return true;
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
        em.createNamedQuery(Channel.BY_PROVIDER, Channel.class).setParameter("provider", ChannelProvider.TELEGRAM)
                .getResultStream().filter(other -> !other.equals(channel))
                .filter(other -> id.equals(other.getProperties().get(TelegramSettings.BOT_ID)))
                .findFirst().ifPresent(other -> {
                    throw new RuleViolationException("error.telegram.botTaken", TelegramSettings.BOT_TOKEN,
                            bot.username(), other.getName());
                });
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderRefusedException e) {
            if (e.refused()) {
                throw new InvalidInputException("validation.telegram.refused", TelegramSettings.BOT_TOKEN,
                        e.getMessage());
            }
            throw new ProviderException("error.telegram.unavailable", TelegramSettings.BOT_TOKEN, e.getMessage());
        }
    }
}
