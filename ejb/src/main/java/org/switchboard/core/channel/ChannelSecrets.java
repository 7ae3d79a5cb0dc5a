package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.model.channel.Channel;

/** Reads and writes a channel's provider settings, encrypting those of {@link ChannelSettings#SECRET}. */
@ApplicationScoped
public class ChannelSecrets {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private SecretCipher cipher;

    /** The setting's value, decrypted when secret; empty when not set. */
    public Optional<String> get(Channel channel, String key) {
        String stored = channel.getProperties().get(key);
        if (stored == null || stored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ChannelSettings.SECRET.contains(key) ? cipher.decrypt(stored) : stored);
    }

    public void put(Channel channel, String key, String value) {
        if (value == null) {
            channel.getProperties().remove(key);
        } else {
            channel.getProperties().put(key, ChannelSettings.SECRET.contains(key) ? cipher.encrypt(value) : value);
        }
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
