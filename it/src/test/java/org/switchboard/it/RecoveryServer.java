package org.switchboard.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A server installation that {@link TransactionRecoveryIT} drives by itself, outside Arquillian, because it must kill
 * the server's JVM and start it again: configured by the config module's scripts (the same ones as the run and test
 * servers) against the test's PostgreSQL, started, deployed, killed with SIGKILL, started again and stopped. It uses
 * the fixed ports of the other test servers (8080, and 4848 or 9990), so it runs when no other server does.
 */
abstract class RecoveryServer {

    static final String READY_URL = Deployments.APPLICATION_URL + "api/v1/health/ready";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    final Path home;
    final Path scripts;

    private RecoveryServer(Path home, Path scripts) {
        this.home = home;
        this.scripts = scripts;
    }

    static RecoveryServer of(String kind, Path home, Path scripts) {
        return switch (kind) {
            case "payara" -> new Payara(home, scripts);
            case "wildfly" -> new WildFly(home, scripts);
            default -> throw new IllegalArgumentException("unknown server " + kind);
        };
    }

    /** The server's log, whose end a failed test prints. */
    abstract Path log();

    /** Runs {@code configure-<server>.sh} with these arguments (secrets in the environment). */
    void configure(List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("bash", scripts.resolve(configureScript()).toString(),
                "--home=" + home));
        command.addAll(arguments);
        run(command, environment, Duration.ofMinutes(5));
    }

    abstract String configureScript();

    /** Starts the server and, when {@code ear} is given, deploys it afresh; returns once the application is ready. */
    abstract void start(Path ear);

    /** The PID of the server's JVM. */
    abstract long pid();

    /** Stops the server's JVM (SIGSTOP) where it is: no thread runs, no transaction moves on. */
    void freeze() {
        Signals.send("STOP", pid());
    }

    /** Lets a frozen JVM run on (SIGCONT). */
    void thaw() {
        Signals.send("CONT", pid());
    }

    /** Kills the server's JVM with SIGKILL (no shutdown hook, no transaction completes) and waits until it is gone. */
    void kill() {
        ProcessHandle jvm = ProcessHandle.of(pid()).orElseThrow(() -> new IllegalStateException("no server JVM"));
        jvm.destroyForcibly();
        try {
            jvm.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the server JVM " + jvm.pid() + " did not end after SIGKILL", e);
        }
        afterKill();
    }

    void afterKill() {
    }

    /** Whether the server's JVM runs. */
    abstract boolean alive();

    /** Stops the server normally, if it runs. */
    abstract void stop();

    /**
     * How many transactions the transaction manager's log holds now: those it has decided to commit and not yet
     * finished. Their branches are committed by recovery; a prepared branch without a record is rolled back (presumed
     * abort), after a safety interval. -1 if unknown (Payara's log is not readable from outside).
     */
    int loggedDecisions() {
        return -1;
    }

    /** The broker's prepared (in-doubt) transactions as the server's admin tool lists them, or null if unknown. */
    String brokerPreparedTransactions() {
        return null;
    }

    /**
     * Sends signals through one bash process whose {@code kill} is a builtin: a fraction of a millisecond each, where
     * starting a {@code kill} process takes several, long enough for a transaction to commit meanwhile.
     */
    private static final class Signals {

        private static Process shell;
        private static BufferedWriter commands;
        private static BufferedReader answers;

        static synchronized void send(String signal, long pid) {
            try {
                if (shell == null || !shell.isAlive()) {
                    shell = new ProcessBuilder("bash", "-c",
                            "while read -r signal pid; do kill -s \"$signal\" \"$pid\" 2>&1; echo \"exit $?\"; done")
                            .redirectErrorStream(true).start();
                    commands = new BufferedWriter(new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8));
                    answers = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
                }
                commands.write(signal + " " + pid + "\n");
                commands.flush();
                String answer = answers.readLine();
                if (!"exit 0".equals(answer)) {
                    throw new IllegalStateException("kill -s " + signal + " " + pid + ": " + answer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the readiness check answers 200; fails at once when {@code alive} says the server died. */
    static void awaitReady(java.util.function.BooleanSupplier alive) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(READY_URL) == 200) {
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("the server died or its deployment failed before it was ready");
            }
            sleep(500);
        }
        throw new IllegalStateException(READY_URL + " did not answer 200 within " + START_TIMEOUT);
    }

    static int status(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return 0;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command to its end; its output goes to this JVM's output; a non-zero exit fails. */
    static String run(List<String> command, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path output = Files.createTempFile("switchboard-recovery", ".out");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException(new TimeoutException(String.join(" ", command) + " took longer than "
                            + timeout));
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                            + "):\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Payara Server: {@code asadmin start-domain}, the domain's JVM PID from {@code config/pid}. */
    private static final class Payara extends RecoveryServer {

        private final Path domain;

        Payara(Path home, Path scripts) {
            super(home, scripts);
            this.domain = home.resolve("glassfish/domains/domain1");
        }

        @Override
        Path log() {
            return domain.resolve("logs/server.log");
        }

        @Override
        String configureScript() {
            return "configure-payara.sh";
        }

        private String asadmin(Duration timeout, String... arguments) {
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString()));
            command.addAll(List.of(arguments));
            return run(command, Map.of("TERM", "dumb"), timeout);
        }

        @Override
        void start(Path ear) {
            asadmin(Duration.ofMinutes(5), "start-domain", "domain1");
            if (ear != null) {
                if (asadmin(Duration.ofMinutes(1), "list-applications", "--terse").lines()
                        .anyMatch(line -> line.startsWith("switchboard"))) {
                    asadmin(Duration.ofMinutes(2), "undeploy", "switchboard");
                }
                asadmin(Duration.ofMinutes(5), "deploy", "--name", "switchboard", ear.toString());
            }
            awaitReady(this::alive);
        }

        @Override
        boolean alive() {
            try {
                return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
            } catch (IllegalStateException e) {
                return false;
            }
        }

        @Override
        long pid() {
            try {
                return Long.parseLong(Files.readString(domain.resolve("config/pid")).trim());
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("no PID of the domain in " + domain.resolve("config/pid"), e);
            }
        }

        @Override
        void stop() {
            if (Files.exists(domain.resolve("config/pid")) && alive()) {
                try {
                    asadmin(Duration.ofMinutes(2), "stop-domain", "domain1");
                } catch (IllegalStateException e) {
                    asadmin(Duration.ofMinutes(1), "stop-domain", "--kill=true", "domain1");
                }
            }
        }

        @Override
        String brokerPreparedTransactions() {
            // The embedded OpenMQ broker's transactions, as its 'admin', whose password configure-payara.sh made at
            // random and gave the jms-host in domain.xml (issue 18: the well-known admin/admin is refused).
            try {
                String domain = Files.readString(home.resolve("glassfish/domains/domain1/config/domain.xml"));
                java.util.regex.Matcher host = java.util.regex.Pattern
                        .compile("<jms-host [^>]*admin-password=\"([^\"]*)\"").matcher(domain);
                if (!host.find()) {
                    return "(no jms-host admin password in domain.xml)";
                }
                Path password = Files.createTempFile("imq", ".pass");
                try {
                    Files.writeString(password, "imq.imqcmd.password=" + host.group(1) + "\n");
                    return run(List.of(home.resolve("mq/bin/imqcmd").toString(), "list", "txn", "-b",
                            "127.0.0.1:7676", "-u", "admin", "-passfile", password.toString()), Map.of(),
                            Duration.ofMinutes(1));
                } finally {
                    Files.deleteIfExists(password);
                }
            } catch (IOException | IllegalStateException e) {
                return "(imqcmd failed: " + e.getMessage() + ")";
            }
        }
    }

    /** WildFly: {@code bin/standalone.sh -c standalone-full.xml}; the server JVM is the script's child. */
    private static final class WildFly extends RecoveryServer {

        private final Path actions;
        private Process script;

        WildFly(Path home, Path scripts) {
            super(home, scripts);
            actions = home.resolve("standalone/data/tx-object-store/ShadowNoFileLockStore/defaultStore/StateManager"
                    + "/BasicAction/TwoPhaseCoordinator/AtomicAction");
        }

        @Override
        Path log() {
            return home.resolve("standalone/log/server.log");
        }

        @Override
        String configureScript() {
            return "configure-wildfly.sh";
        }

        @Override
        void start(Path ear) {
            Path deployments = home.resolve("standalone/deployments");
            try {
                if (ear != null) {
                    try (Stream<Path> files = Files.list(deployments)) {
                        for (Path file : files.filter(f -> f.getFileName().toString().startsWith("switchboard.ear"))
                                .toList()) {
                            Files.delete(file);
                        }
                    }
                    Files.copy(ear, deployments.resolve("switchboard.ear")); // deployed by the scanner at boot
                }
                Path console = home.resolve("standalone/log/console.log");
                Files.createDirectories(console.getParent());
                ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(), "-c",
                        "standalone-full.xml").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
                builder.environment().put("JBOSS_HOME", home.toString());
                script = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            awaitReady(() -> script.isAlive()
                    && !Files.exists(deployments.resolve("switchboard.ear.failed")));
        }

        @Override
        long pid() {
            if (script == null) {
                throw new IllegalStateException("WildFly was not started by this test");
            }
            return script.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst().map(ProcessHandle::pid)
                    .orElseThrow(() -> new IllegalStateException("no java process under " + script.pid()));
        }

        @Override
        boolean alive() {
            return script != null && script.isAlive();
        }

        @Override
        void afterKill() {
            try {
                script.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String cli(String command) {
            return run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect", "--command=" + command),
                    Map.of("JBOSS_HOME", home.toString()), Duration.ofMinutes(2));
        }

        @Override
        void stop() {
            if (script == null || !script.isAlive()) {
                return;
            }
            try {
                cli(":shutdown(timeout=60)");
                if (!script.waitFor(90, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("WildFly did not stop in 90 s");
                }
            } catch (RuntimeException | InterruptedException e) {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
            }
        }

        /** Narayana's records of decided transactions in its object store. */
        @Override
        int loggedDecisions() {
            try (Stream<Path> records = Files.list(actions)) {
                return (int) records.count();
            } catch (java.nio.file.NoSuchFileException e) {
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        String brokerPreparedTransactions() {
            try {
                return cli("/subsystem=messaging-activemq/server=default:list-prepared-transactions");
            } catch (IllegalStateException e) {
                return "(jboss-cli failed: " + e.getMessage() + ")";
            }
        }
    }
}
