package org.switchboard.core.mailbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Debian's Dovecot (package {@code dovecot-imapd}, which {@code .ci/run} installs) started on a free loopback port
 * with its own configuration in a temporary directory: the real peer for what GreenMail lacks (CONDSTORE, QRESYNC).
 * Run as root, it uses the package's {@code dovecot}/{@code dovenull} users, as Dovecot refuses root for them.
 * Shared with the it module's mail benchmark through this module's test jar.
 */
public final class DovecotPeer implements AutoCloseable {

    static final String BINARY = "/usr/sbin/dovecot";
    private final Path directory;
    private final Process process;
    private final int port;

    private DovecotPeer(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /** Starts Dovecot with one user {@code login}/{@code password}, and waits until it accepts connections. */
    public static DovecotPeer start(String login, String password) throws IOException, InterruptedException {
        return start(login, password, false);
    }

    /**
     * A Dovecot that logs in only after STARTTLS ({@code ssl = required}), with a new self-signed certificate for
     * 127.0.0.1 made by {@code openssl} (a dependency of Dovecot's Debian package).
     */
    public static DovecotPeer startWithStartTls(String login, String password)
            throws IOException, InterruptedException {
        return start(login, password, true);
    }

    private static DovecotPeer start(String login, String password, boolean tls)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's dovecot-imapd "
                    + "(apt-get install -y dovecot-imapd; .ci/run does) to run the CONDSTORE/QRESYNC tests");
        }
        // Dovecot's auth and mail processes run as other users: they must be able to read the directory.
        Path directory = Files.createTempDirectory("switchboard-dovecot",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        String user = root ? "dovecot" : System.getProperty("user.name");
        String loginUser = root ? "dovenull" : user;
        Path home = Files.createDirectories(directory.resolve("home"));
        Files.createDirectories(directory.resolve("run"));
        Files.createDirectories(directory.resolve("state"));
        Files.writeString(directory.resolve("users"), login + ":{PLAIN}" + password + "::::::\n");
        long[] ids = ids(user);
        if (root) {
            new ProcessBuilder("chown", "-R", user + ":", home.toString()).inheritIO().start().waitFor();
        }
        String ssl = "ssl = no\ndisable_plaintext_auth = no\n";
        if (tls) {
            output("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", directory.resolve("key.pem").toString(),
                    "-out", directory.resolve("cert.pem").toString());
            ssl = "ssl = required\ndisable_plaintext_auth = yes\n"
                    + "ssl_cert = <%1$s/cert.pem\nssl_key = <%1$s/key.pem\n".formatted(directory);
        }
        String config = """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                %7$s
                auth_mechanisms = plain login
                default_internal_user = %2$s
                default_login_user = %3$s
                first_valid_uid = 1
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/users
                }
                userdb {
                  driver = static
                  args = uid=%4$d gid=%5$d home=%1$s/home/%%u
                }
                mail_location = maildir:~/Maildir
                protocol imap {
                  mail_max_userip_connections = 100
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %6$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = 0
                  }
                }
                service submission-login {
                  inet_listener submission {
                    port = 0
                  }
                }
                """.formatted(directory, user, loginUser, ids[0], ids[1], port, ssl);
        Path file = directory.resolve("dovecot.conf");
        Files.writeString(file, config, StandardCharsets.US_ASCII);
        Process process = new ProcessBuilder(BINARY, "-F", "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        DovecotPeer peer = new DovecotPeer(directory, process, port);
        peer.awaitListening();
        return peer;
    }

    public int port() {
        return port;
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Dovecot stopped: "
                        + Files.readString(directory.resolve("stdout.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polled up to the deadline
            }
        }
        close();
        throw new IllegalStateException("Dovecot did not listen on " + port + " within 15 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The numeric uid and gid of a user, from {@code id}. */
    private static long[] ids(String user) throws IOException, InterruptedException {
        return new long[] {Long.parseLong(output("id", "-u", user)), Long.parseLong(output("id", "-g", user))};
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
