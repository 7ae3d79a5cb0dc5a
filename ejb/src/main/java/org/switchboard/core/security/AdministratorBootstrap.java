package org.switchboard.core.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * Makes a new installation usable: at the first start, while there is no user at all, creates user
 * {@value #ADMIN} in Administrators with the password of configuration key {@value #PASSWORD_KEY}, or with a random
 * one printed once in the log. Also touches the {@link SecretCipher} so that a missing encryption key stops the
 * deployment at once rather than at the first secret.
 */
@Startup
@Singleton
@DependsOn("FlywayMigrator")
public class AdministratorBootstrap {

    public static final String ADMIN = "admin";
    public static final String PASSWORD_KEY = "switchboard.admin.password";
    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private SecretCipher cipher;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = PASSWORD_KEY)
    private Optional<String> configuredPassword;

    @PostConstruct
    void start() {
        cipher.encrypt("start-up check");
        long users = em.createNamedQuery(User.COUNT_ALL, Long.class).getSingleResult();
        if (users > 0) {
            return;
        }
        String password = configuredPassword.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = randomPassword();
        } else {
            PasswordPolicy.check(password, ADMIN, PASSWORD_KEY);
        }
        Role administrators = em.createNamedQuery(Role.BY_NAME, Role.class)
                .setParameter("name", Role.ADMINISTRATORS).getSingleResult();
        OffsetDateTime now = OffsetDateTime.now(clock);
        User admin = new User();
        admin.setLogin(ADMIN);
        admin.setDisplayName("Administrator");
        admin.setPasswordHash(hasher.hash(password));
        admin.setCreatedAt(now);
        admin.setPasswordChangedAt(now);
        admin.getRoles().add(administrators);
        em.persist(admin);
        if (generated) {
            String shown = password;
            LOG.warning(() -> "Created user '" + ADMIN + "' with the generated password: " + shown
                    + " (shown once; sign in and change it, or set " + PASSWORD_KEY + " before the first start)");
        } else {
            LOG.info(() -> "Created user '" + ADMIN + "' with the password of " + PASSWORD_KEY);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
