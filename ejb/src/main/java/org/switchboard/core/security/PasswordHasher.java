package org.switchboard.core.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Salted PBKDF2 password hashes, through the server's Jakarta Security implementation. The stored form
 * carries algorithm, iterations and salt, so a later change of the parameters still verifies older hashes.
 *
 * <p>PBKDF2 is slow on purpose (~0.1 s here), and API clients send their password with every request. A password
 * that verified is therefore remembered for {@value #REMEMBER_MINUTES} minutes as a salted SHA-256 keyed by the stored
 * hash: a changed password (a new stored hash) or a wrong one still goes through PBKDF2.
 *
 * <p>New hashes take OWASP's current figure for PBKDF2-HMAC-SHA256, {@value #ITERATIONS} iterations (issue 18); a hash
 * stored with fewer is {@link #outdated} and replaced at its user's next successful sign-in.
 */
@ApplicationScoped
public class PasswordHasher {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final String ITERATIONS = "600000";
    static final int REMEMBER_MINUTES = 10;
    private static final int REMEMBER_MAX = 10_000;

    @Inject
    private Pbkdf2PasswordHash hash;

    /** A hash of a password nobody knows, verified when a login does not exist so that its timing matches a real one. */
    private String decoy;

    /** Random per process, so that the remembered digests are of no use outside this JVM. */
    private final byte[] pepper = new byte[32];

    private record Verified(byte[] digest, long until) {
    }

    private final Map<String, Verified> verified = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                    return size() > REMEMBER_MAX;
                }
            });

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(pepper);
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", ITERATIONS,
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoy = hash.generate("decoy-password-that-matches-nothing".toCharArray());
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        byte[] digest = digest(storedHash, password);
        Verified known = verified.get(storedHash);
        if (known != null && known.until() > System.nanoTime() && MessageDigest.isEqual(known.digest(), digest)) {
            return true;
        }
        boolean valid = hash.verify(password.toCharArray(), storedHash);
        if (valid) {
            verified.put(storedHash, new Verified(digest,
                    System.nanoTime() + TimeUnit.MINUTES.toNanos(REMEMBER_MINUTES)));
        }
        return valid;
    }

    /**
     * Whether a stored hash was made with another algorithm or fewer iterations than new ones get. The stored form is
     * the one {@link Pbkdf2PasswordHash} documents: {@code algorithm:iterations:salt:hash}.
     */
    public boolean outdated(String storedHash) {
        String[] parts = storedHash == null ? new String[0] : storedHash.split(":");
        if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
            return true;
        }
        try {
            return Integer.parseInt(parts[1]) < Integer.parseInt(ITERATIONS);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Spends the time of one verification, for a login that does not exist. */
    public void verifyDecoy(String password) {
        hash.verify(password == null ? new char[0] : password.toCharArray(), decoy);
    }

    private byte[] digest(String storedHash, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
