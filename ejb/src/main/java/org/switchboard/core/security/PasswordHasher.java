package org.switchboard.core.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Salted PBKDF2 password hashes, through the server's Jakarta Security implementation. The stored form
 * carries algorithm, iterations and salt, so a later change of the parameters still verifies older hashes.
 */
@ApplicationScoped
public class PasswordHasher {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final String ITERATIONS = "210000";

    @Inject
    private Pbkdf2PasswordHash hash;

    /** A hash of a password nobody knows, verified when a login does not exist so that its timing matches a real one. */
    private String decoy;

    @PostConstruct
    void init() {
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
        return password != null && storedHash != null && hash.verify(password.toCharArray(), storedHash);
    }

    /** Spends the time of one verification, for a login that does not exist. */
    public void verifyDecoy(String password) {
        hash.verify(password == null ? new char[0] : password.toCharArray(), decoy);
    }
}
