package org.switchboard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database loses no committed transaction when the server process is killed (issue 17): a mail sync
 * killed with {@code kill -9} had lost 600 e-mails that REST had already shown, because H2 keeps the last commits in
 * memory for up to its write delay (500 ms by default) and writes them to the file in the background. Their
 * events are published after the commit ({@code EventOutbox}), so they may have been published for rows that
 * then vanished. With {@code WRITE_DELAY=0} in the URL a commit writes H2's store to the file before it returns.
 * <p>
 * A child JVM ({@link CommitAndPrint}) opens a database with exactly the options of the servers' embedded database
 * ({@code SB_H2_OPTIONS} in {@code config/src/main/scripts/lib.sh}, from which the run command and the test servers
 * take them), commits one row per transaction and prints each id once its commit has returned. The test reads some
 * of them, kills the child with SIGKILL ({@link Process#destroyForcibly()}), reopens the database and expects every
 * id it read. The H2 of this module's tests is the servers' own ({@code h2.version}, 2.2.224 in both).
 */
class EmbeddedDatabaseDurabilityTest {

    /** Kill after this many committed ids were read, one round each: early, while commits come fast, and later. */
    private static final int[] KILL_AFTER = {100, 500, 1500};
    /** The longest a child may take to print its ids before it is killed and the test fails. */
    private static final long PATIENCE_SECONDS = 60;
    private static final String NO_WRITE_DELAY = ";WRITE_DELAY=0";

    @TempDir
    Path folder;

    @Test
    void everyCommitThatReturnedSurvivesAKillOfTheProcess() throws Exception {
        String options = RepositoryFile.embeddedH2Options();
        for (int round = 0; round < KILL_AFTER.length; round++) {
            int commits = KILL_AFTER[round];
            TreeSet<Long> lost = lostByKill("durable-" + round, options, commits);
            assertTrue(lost.isEmpty(), () -> lost.size() + " of " + commits + " committed rows missing after the kill"
                    + " (ids " + lost.first() + " to " + lost.last() + ") with the embedded database's options "
                    + options);
        }
    }

    /**
     * The control: the same kill with H2's default write delay loses commits (in 50 kills of 50 measured), so
     * the test above would see it if the setting went missing.
     */
    @Test
    void withH2sDefaultWriteDelayAKillLosesCommitsThatReturned() throws Exception {
        String options = RepositoryFile.embeddedH2Options().replace(NO_WRITE_DELAY, "");
        int lost = 0;
        for (int round = 0; round < KILL_AFTER.length; round++) {
            lost += lostByKill("default-" + round, options, KILL_AFTER[round]).size();
        }
        assertTrue(lost > 0, "no commit was lost with H2's default write delay: this test no longer catches the "
                + "window the setting closes (did H2's default change?)");
    }

    @Test
    void theRunCommandTheTestServersAndTheDocsUseTheseOptions() throws IOException {
        String options = RepositoryFile.embeddedH2Options();
        assertTrue(options.contains(NO_WRITE_DELAY), "lib.sh's SB_H2_OPTIONS lost " + NO_WRITE_DELAY + ": " + options);

        String run = RepositoryFile.read("config/src/main/scripts/run.sh");
        assertTrue(run.contains("/h2/switchboard$SB_H2_OPTIONS\""),
                "run.sh's default database URL is not built from SB_H2_OPTIONS");

        Matcher testOptions = Pattern.compile("<test\\.h2\\.options>([^<]*)</test\\.h2\\.options>")
                .matcher(RepositoryFile.read("it/pom.xml"));
        assertTrue(testOptions.find(), "it/pom.xml has no test.h2.options");
        assertEquals(options + ";AUTO_SERVER=TRUE", testOptions.group(1),
                "the test servers' H2 options (it/pom.xml) are lib.sh's SB_H2_OPTIONS and AUTO_SERVER=TRUE");

        Matcher documented = Pattern.compile("jdbc:h2:file:[^\\s\"`|;]*([^\\s\"`|]*)")
                .matcher(RepositoryFile.read("docs/servers.md"));
        int urls = 0;
        while (documented.find()) {
            urls++;
            assertEquals(options, documented.group(1), "docs/servers.md: " + documented.group());
        }
        assertTrue(urls >= 3, "docs/servers.md shows the H2 URL of the run command, Payara and WildFly");
    }

    /**
     * Creates a database, lets a child process commit into it until this test has read {@code commits} ids, kills
     * the child and returns the ids it printed that the reopened database does not have.
     */
    private TreeSet<Long> lostByKill(String name, String options, int commits) throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve(name) + options;
        try (Connection connection = DriverManager.getConnection(url, "sa", "sa");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE committed_row (id BIGINT PRIMARY KEY, body VARCHAR(1000) NOT NULL)");
        }

        Path errors = folder.resolve(name + ".stderr");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitAndPrint.class.getName(), url)
                .redirectError(errors.toFile())
                .start();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(child::destroyForcibly,
                CompletableFuture.delayedExecutor(PATIENCE_SECONDS, TimeUnit.SECONDS));
        List<Long> printed = new ArrayList<>();
        try (BufferedReader ids = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (printed.size() < commits && (line = ids.readLine()) != null) {
                printed.add(Long.parseLong(line.trim()));
            }
            // SIGKILL on Linux: no shutdown hook, no H2 close, nothing the JVM still holds is written.
            child.destroyForcibly();
            assertTrue(child.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS), "the child outlived SIGKILL");
        } finally {
            watchdog.cancel(false);
            child.destroyForcibly();
        }
        if (printed.size() < commits) {
            fail("the child printed " + printed.size() + " of " + commits + " ids before it ended: "
                    + Files.readString(errors));
        }

        Set<Long> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "sa");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM committed_row")) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new AssertionError("the database did not reopen after the kill", e);
        }
        assertFalse(printed.isEmpty());
        TreeSet<Long> lost = new TreeSet<>(printed);
        lost.removeAll(stored);
        return lost;
    }

    /** Files of the repository this module belongs to. */
    static final class RepositoryFile {

        private static final Pattern OPTIONS = Pattern.compile("(?m)^SB_H2_OPTIONS='([^']*)'$");

        private RepositoryFile() {
        }

        /** The embedded H2 database's URL options as the scripts define them (lib.sh, SB_H2_OPTIONS). */
        static String embeddedH2Options() throws IOException {
            Matcher options = OPTIONS.matcher(read("config/src/main/scripts/lib.sh"));
            assertTrue(options.find(), "config/src/main/scripts/lib.sh defines no SB_H2_OPTIONS='…'");
            return options.group(1);
        }

        static String read(String path) throws IOException {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("config/src/main/scripts/lib.sh"))) {
                    return Files.readString(dir.resolve(path));
                }
            }
            throw new IllegalStateException("not inside the Switchboard repository: " + Path.of("").toAbsolutePath());
        }
    }
}
