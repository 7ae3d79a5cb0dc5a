package org.switchboard.core.channel.telegram;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.channel.WebhookKeys;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundQueue;
import org.switchboard.core.inbound.Submitter;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Takes Telegram's webhook requests (TG-03): checks the {@code secret_token} registered for the channel, turns a new
 * message into the provider-neutral inbound message and puts it on the inbound queue; processing is asynchronous and
 * idempotent by the message's key, so Telegram's retry creates nothing. Nothing of a refused request is stored.
 * No transaction and no database read: the credential comes from {@link WebhookKeys}, and the queue's send is durable
 * when it returns.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TelegramWebhookService {

    private static final Logger LOG = Logger.getLogger(TelegramWebhookService.class.getName());

    @Inject
    private WebhookKeys keys;

    @Inject
    private InboundQueue queue;

    /**
     * A Telegram update; returns the queued message's key, or empty for an update that is not a new message.
     *
     * @throws WebhookRefusedException 401 for a missing or wrong secret token and, alike, for no such channel; 400
     *                                 for a body that is not an update
     */
    public Optional<String> update(long channelId, String secretToken, String body) {
        if (!keys.matches(channelId, ChannelProvider.TELEGRAM, key -> key.secret() != null && secretToken != null
                && MessageDigest.isEqual(key.secret().getBytes(StandardCharsets.UTF_8),
                        secretToken.getBytes(StandardCharsets.UTF_8)))) {
            LOG.warning(() -> "Telegram webhook of channel " + channelId + " refused: "
                    + (secretToken == null ? "no" : "a wrong") + " secret token");
            throw new WebhookRefusedException(401, "The X-Telegram-Bot-Api-Secret-Token header is missing or wrong");
        }
        JsonObject update;
        try (JsonReader reader = Jsons.reader(body == null ? "" : body)) {
            update = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new WebhookRefusedException(400, "The body is not a Telegram update");
        }
        Optional<JsonObject> message = TelegramUpdates.toInbound(channelId, update);
        message.ifPresent(m -> queue.enqueue(InboundChatMessage.TYPE, InboundChatMessage.VERSION, m.toString(),
                Submitter.webhook(ChannelProvider.TELEGRAM.name())));
        return message.map(TelegramUpdates::key);
    }
}
