package org.switchboard.core.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM encryption of short secrets (passwords, tokens, client secrets) for storage: a fresh 96-bit nonce per value,
 * a 128-bit tag, stored as {@code v1:} + Base64(nonce ‖ ciphertext). Tampering or a wrong key fails to decrypt. The
 * same key also seals values the application hands itself through an untrusted place (HMAC-SHA256 under a key derived
 * for each purpose, so that a seal of one purpose is worthless for another).
 */
public final class AesGcm {

    static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HMAC = "HmacSHA256";

    private final SecretKey key;

    /**
     * @param base64Key a Base64 AES key of 16, 24 or 32 bytes
     * @throws IllegalArgumentException when the key is not Base64 or has another length
     */
    public AesGcm(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not Base64", e);
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("the key has " + bytes.length + " bytes; AES needs 16, 24 or 32");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** The Base64url HMAC-SHA256 of the text under this key's subkey for {@code purpose}. */
    public String seal(String purpose, String text) {
        try {
            Mac derive = Mac.getInstance(HMAC);
            derive.init(new SecretKeySpec(key.getEncoded(), HMAC));
            byte[] subkey = derive.doFinal(("switchboard-seal:" + purpose).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(subkey, HMAC));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public String encrypt(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws IllegalStateException when the value was not produced with this key or was altered
     */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("not an encrypted value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the value cannot be decrypted with the configured key", e);
        }
    }
}
