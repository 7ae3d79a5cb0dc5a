package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.model.channel.Channel;

/**
 * Reads and writes a channel's provider settings, encrypting those its adapter names secret
 * ({@link ChannelAdapter#secretSettings()}).
 */
@ApplicationScoped
public class ChannelSecrets {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private SecretCipher cipher;

    @Inject
    private ChannelAdapters adapters;

    /** The setting's value, decrypted when secret; empty when not set. */
    public Optional<String> get(Channel channel, String key) {
        String stored = channel.getProperties().get(key);
        if (stored == null || stored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(secret(channel, key) ? cipher.decrypt(stored) : stored);
    }

    public void put(Channel channel, String key, String value) {
        if (value == null) {
            channel.getProperties().remove(key);
        } else {
            channel.getProperties().put(key, secret(channel, key) ? cipher.encrypt(value) : value);
        }
    }

    /** Every setting of the channel, secrets decrypted: for a send, never to be shown. */
    public Map<String, String> all(Channel channel) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : channel.getProperties().keySet()) {
            get(channel, key).ifPresent(value -> settings.put(key, value));
        }
        return settings;
    }

    /** The named settings that are set, as they may be shown (none of them secret). */
    public Map<String, String> shown(Channel channel, String... keys) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : keys) {
            if (!secret(channel, key)) {
                get(channel, key).ifPresent(value -> settings.put(key, value));
            }
        }
        return settings;
    }

    private boolean secret(Channel channel, String key) {
        return adapters.of(channel.getProvider()).secretSettings().contains(key);
    }

    /** A random token of {@code length} characters of {@code A-Za-z0-9_-} (Telegram's {@code secret_token} set). */
    public static String randomToken(int length) {
        char[] token = new char[length];
        for (int i = 0; i < length; i++) {
            token[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(token);
    }
}
