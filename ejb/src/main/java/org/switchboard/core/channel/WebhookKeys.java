package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * The credentials the providers' webhooks are checked with (TG-03: the secret token; WA-02: the Auth Token and the
 * signed URL; each adapter says which, {@link ChannelAdapter#webhookSecret}), remembered per channel for {@link #TTL_NANOS} so that a webhook needs no database read. A credential
 * that does not match is looked up again before it is refused (at most once a second per channel), so a secret that
 * has just changed applies at once; a removed one is forgotten within the time to live.
 */
@ApplicationScoped
public class WebhookKeys {

    /** A channel's credential as the webhook checks it. */
    public record Key(ChannelProvider provider, String secret, String url, long loadedAt) {

        @Override
        public String toString() {
            return "Key[" + provider + ", " + url + "]";
        }
    }

    static final long TTL_NANOS = 30_000_000_000L;
    private static final long RELOAD_NANOS = 1_000_000_000L;

    private final ConcurrentMap<Long, Key> keys = new ConcurrentHashMap<>();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChannelAdapters adapters;

    /**
     * Whether the request's credential passes {@code check} for the channel. A channel that does not exist, or is of
     * another provider, does not match either (issue 18): the webhook then answers exactly as to a wrong secret, so
     * nobody learns which channel ids exist.
     */
    public boolean matches(long channelId, ChannelProvider provider, Predicate<Key> check) {
        long now = System.nanoTime();
        Key key = keys.get(channelId);
        boolean cached = key != null && now - key.loadedAt() < TTL_NANOS;
        if (!cached) {
            key = load(channelId, now).orElse(null);
        }
        if (key == null || key.provider() != provider) {
            return false;
        }
        if (check.test(key)) {
            return true;
        }
        if (cached && now - key.loadedAt() >= RELOAD_NANOS) {
            return load(channelId, now).filter(fresh -> fresh.provider() == provider && check.test(fresh)).isPresent();
        }
        return false;
    }

    /** Forgets a channel's credential (its channel changed); the next webhook reads it again. */
    public void forget(long channelId) {
        keys.remove(channelId);
    }

    private Optional<Key> load(long channelId, long now) {
        Optional<Channel> found = em.createNamedQuery(Channel.WITH_PROPERTIES, Channel.class)
                .setParameter("id", channelId).getResultStream().findFirst();
        if (found.isEmpty()) {
            keys.remove(channelId);
            return Optional.empty();
        }
        Channel channel = found.get();
        String secret = adapters.has(channel.getProvider())
                ? adapters.of(channel.getProvider()).webhookSecret(channel).orElse(null) : null;
        Key key = new Key(channel.getProvider(), secret, channel.getProperties().get(ChannelSettings.WEBHOOK_URL),
                now);
        keys.put(channelId, key);
        return Optional.of(key);
    }
}
