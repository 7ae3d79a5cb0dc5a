package org.switchboard.core.chat;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapter.Limit;
import org.switchboard.core.channel.ChannelAdapter.Part;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ChannelDelivery;
import org.switchboard.core.channel.ChannelFlags;
import org.switchboard.core.channel.ChannelRateLimiter;
import org.switchboard.core.channel.SendOutcome;

/**
 * Sends operators' replies through their channel's adapter when it sends after the commit (Telegram, WhatsApp: TG-*,
 * WA-*), outside any transaction, on the EJB container's asynchronous threads: right after the reply commits, and again
 * from the chat timer for replies whose next attempt fell due (a retry, or a send a stopped node had claimed). Each
 * part of a reply waits for its rate limits' slots; a provider's 429 pauses the whole bot or number for the time it
 * asked, and the reply is tried again after it; 5xx and I/O failures are tried again with exponential back-off and
 * jitter, up to {@link ChannelDeliveries#FAILURES_MAX}; a refusal (bot blocked, 24-hour window closed, no such number)
 * marks the reply failed with the provider's reason; a refusal for the channel's own lost access also flags the
 * channel (FB-07), after which its replies fail at once.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChannelSender {

    /** A rate limit's wait up to this is waited out in place; a longer one gives the thread back until then. */
    static final Duration WAIT_IN_PLACE = Duration.ofMillis(1500);
    /** The first back-off after a transient failure; it doubles with each further one, up to {@link #BACKOFF_MAX}. */
    static final Duration BACKOFF_FIRST = Duration.ofSeconds(2);
    static final Duration BACKOFF_MAX = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(ChannelSender.class.getName());

    @Inject
    private ChannelDeliveries deliveries;

    @Inject
    private ChannelRateLimiter limiter;

    @Inject
    private ChannelSendQueue queue;

    @Inject
    private ChannelAdapters adapters;

    @Inject
    private ChannelFlags flags;

    /** Sends the reply if it is due and nobody else is sending it (on this node or, by its claim, on another). */
    @Asynchronous
    public void submit(long messageId) {
        if (!queue.enter(messageId)) {
            return;
        }
        try {
            deliver(messageId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending chat message " + messageId + " failed; the chat timer tries again", e);
        } finally {
            queue.leave(messageId);
        }
    }

    private void deliver(long messageId) {
        ChannelDelivery delivery;
        try {
            delivery = deliveries.claim(messageId);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, () -> "Chat message " + messageId + " not claimed: " + e);
            return;
        }
        if (delivery == null) {
            return;
        }
        ChannelAdapter sending = adapters.of(delivery.provider());
        List<Part> parts = sending.parts(delivery);
        List<Limit> limits = sending.limits(delivery);
        // A 429 pauses the first limit's key (the bot, the number); an adapter without limits has nothing to pause.
        String pauseKey = limits.isEmpty() ? "channel:" + delivery.channelId() : limits.get(0).key();
        for (int i = delivery.partsSent(); i < parts.size(); i++) {
            Duration wait = Duration.ZERO;
            for (Limit limit : limits) {
                Duration pending = limiter.waitFor(limit.key());
                wait = pending.compareTo(wait) > 0 ? pending : wait;
            }
            if (wait.compareTo(WAIT_IN_PLACE) > 0) {
                deliveries.later(messageId, wait, null, false);
                return;
            }
            for (Limit limit : limits) {
                Duration slot = limiter.reserve(limit.key(), limit.interval());
                wait = slot.compareTo(wait) > 0 ? slot : wait;
            }
            pause(wait);
            Duration paused = limiter.pausedFor(pauseKey);
            if (!paused.isZero()) {
                deliveries.later(messageId, paused.plus(jitter(Duration.ofSeconds(1))), null, false);
                return;
            }
            SendOutcome outcome;
            try {
                outcome = sending.send(delivery, parts.get(i));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Sending part " + i + " of chat message " + messageId + " failed", e);
                outcome = new SendOutcome.Retry(null, "Sending failed: " + e.getClass().getSimpleName());
            }
            if (outcome instanceof SendOutcome.Sent sent) {
                deliveries.progress(messageId, i + 1, sent.providerMessageId());
            } else if (outcome instanceof SendOutcome.Retry retry) {
                if (retry.after() != null) {
                    limiter.pause(pauseKey, retry.after());
                    deliveries.later(messageId, retry.after().plus(jitter(Duration.ofSeconds(1))), retry.reason(),
                            false);
                } else {
                    deliveries.later(messageId, backoff(delivery.failures() + 1), retry.reason(), true);
                }
                LOG.fine(() -> "Chat message " + messageId + " to be sent again: " + retry.reason());
                return;
            } else if (outcome instanceof SendOutcome.AccessLost lost) {
                flags.flag(delivery.channelId(), lost.reason());
                deliveries.failed(messageId, lost.reason());
                return;
            } else if (outcome instanceof SendOutcome.Failed failed) {
                LOG.warning(() -> "Chat message " + messageId + " refused by " + delivery.provider() + ": "
                        + failed.reason());
                deliveries.failed(messageId, failed.reason());
                return;
            }
        }
        deliveries.sent(messageId);
    }

    /** The wait after the {@code failures}-th transient failure: doubling from 2 s up to 5 min, "equal jitter". */
    static Duration backoff(int failures) {
        long base = BACKOFF_FIRST.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(base, BACKOFF_MAX.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Duration jitter(Duration max) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(max.toMillis() + 1));
    }

    private static void pause(Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
