package org.switchboard.core.common;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secrets at rest (setting secrets, later mailbox passwords and tokens) with the AES key of MicroProfile
 * Config key {@value #KEY}. In production mode (the default) a missing or malformed key stops the deployment with a
 * message saying what to set; in development mode a fixed, publicly known key is used with a warning.
 */
@ApplicationScoped
public class SecretCipher {

    public static final String KEY = "switchboard.secret-key";
    public static final String MODE = "switchboard.mode";
    private static final Logger LOG = Logger.getLogger(SecretCipher.class.getName());

    @Inject
    @ConfigProperty(name = KEY)
    private Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = MODE, defaultValue = "production")
    private String mode;

    private AesGcm aes;

    @PostConstruct
    void init() {
        String key = configuredKey.filter(k -> !k.isBlank()).orElse(null);
        if (key == null) {
            if (!"development".equalsIgnoreCase(mode)) {
                throw new IllegalStateException("Configuration key " + KEY + " is not set. Switchboard encrypts "
                        + "secrets with it: set it to a Base64 AES key of 32 bytes (e.g. `openssl rand -base64 32`) "
                        + "as the environment variable SWITCHBOARD_SECRET_KEY or the system property " + KEY
                        + ", or set " + MODE + "=development for a throw-away installation.");
            }
            LOG.warning(() -> KEY + " is not set: development mode uses a publicly known key. "
                    + "Never use this installation for real secrets.");
            key = developmentKey();
        }
        try {
            aes = new AesGcm(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Configuration key " + KEY + " is malformed (" + e.getMessage()
                    + "): set a Base64 AES key of 32 bytes, e.g. `openssl rand -base64 32`.", e);
        }
    }

    public String encrypt(String plain) {
        return aes.encrypt(plain);
    }

    public String decrypt(String stored) {
        return aes.decrypt(stored);
    }

    /** A seal of the text for the purpose, to tell later that this installation made it ({@link AesGcm#seal}). */
    public String seal(String purpose, String text) {
        return aes.seal(purpose, text);
    }

    private static String developmentKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest("switchboard-development-key".getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
