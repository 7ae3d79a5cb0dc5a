package org.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The secrets the tests hand to the servers — passwords, bot tokens, Auth Tokens, webhook secrets, API tokens —
 * written one per line to {@code target/test-secrets.txt} (issue 18). After the suite, {@code check-server-logs.sh}
 * searches every test server's log for each of them and fails the build on a hit: a secret must never be logged.
 * Secrets shorter than {@value #SHORTEST} characters are not kept, since they would match ordinary text.
 */
public final class UsedSecrets {

    static final int SHORTEST = 8;
    /** Set by Failsafe for the tests that run as the server's clients; absent inside a server, which keeps nothing. */
    private static final String FILE_PROPERTY = "switchboard.test.secrets";
    private static final Path FILE = System.getProperty(FILE_PROPERTY) == null ? null
            : Path.of(System.getProperty(FILE_PROPERTY));
    private static final Set<String> KEPT = new HashSet<>();

    static {
        if (FILE != null) {
            for (String secret : List.of(Fixtures.PASSWORD, TestSettings.adminPassword(), TestSettings.secretKey(),
                    TestSettings.jmsPassword(), "Mail-Secret-1")) {
                remember(secret);
            }
        }
    }

    private UsedSecrets() {
    }

    /** Keeps a secret for the log check and returns it. */
    public static synchronized String remember(String secret) {
        if (FILE != null && secret != null && secret.length() >= SHORTEST && KEPT.add(secret)) {
            try {
                Files.createDirectories(FILE.toAbsolutePath().getParent());
                Files.writeString(FILE, secret.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot keep a used secret in " + FILE, e);
            }
        }
        return secret;
    }
}
