package org.switchboard.core.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.DataDirectory;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * Makes a new installation usable: at the first start, while there is no user at all, creates user
 * {@value #ADMIN} in Administrators with the password of configuration key {@value #PASSWORD_KEY}, or with a random
 * one written to the file {@value #PASSWORD_FILE} in the {@link DataDirectory}, readable by its owner only: a log is
 * read by more people and kept longer than a first password should be (issue 18), so the log only says where the file
 * is. Also touches the {@link SecretCipher} so that a missing encryption key stops the deployment at once rather than
 * at the first secret.
 */
@Startup
@Singleton
@DependsOn("FlywayMigrator")
public class AdministratorBootstrap {

    public static final String ADMIN = "admin";
    public static final String PASSWORD_KEY = "switchboard.admin.password";
    /** The file in the data folder that receives a generated password. */
    public static final String PASSWORD_FILE = "admin-password";
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
    private DataDirectory dataDirectory;

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
            handOver(dataDirectory.get(), password);
        } else {
            LOG.info(() -> "Created user '" + ADMIN + "' with the password of " + PASSWORD_KEY);
        }
    }

    /**
     * Writes a generated password to {@value #PASSWORD_FILE} in the folder, readable and writable by its owner only
     * (POSIX mode 600 where the file system has modes), and logs where it is, never the password. A file left by an
     * earlier installation is replaced. When it cannot be written the start fails, and {@code admin} is not created.
     *
     * @return the file
     */
    static Path handOver(Path folder, String password) {
        Path file = folder.resolve(PASSWORD_FILE);
        try {
            writeOwnerOnly(file, password);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the generated password of user '" + ADMIN + "' to " + file
                    + " (" + e + "): make " + DataDirectory.KEY + " a writable folder, or set " + PASSWORD_KEY, e);
        }
        LOG.warning(() -> "Created user '" + ADMIN + "' with a generated password, written to " + file
                + " (readable by its owner only): sign in, change the password and delete the file; or set "
                + PASSWORD_KEY + " before the first start");
        return file;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        // A new file in the folder, owner-only from its creation on, then moved over the name: no moment in which
        // another user could open it.
        Path temporary = posix
                ? Files.createTempFile(folder, PASSWORD_FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, PASSWORD_FILE, ".tmp");
        try {
            if (!posix) {
                File plain = temporary.toFile();
                boolean ownerOnly = plain.setReadable(false, false) && plain.setReadable(true, true)
                        && plain.setWritable(false, false) && plain.setWritable(true, true);
                if (!ownerOnly) {
                    LOG.warning(() -> "Cannot restrict " + file + " to its owner: protect its folder");
                }
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
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
