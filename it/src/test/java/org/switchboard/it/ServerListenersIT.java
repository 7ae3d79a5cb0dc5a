package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * X-02 issue 18: the server under test, configured by the project's configure script, answers on every address only
 * where users and providers reach Switchboard (HTTP and HTTPS). Its administration (Payara's console and REST
 * interface on 4848, which deploys code), remote calls (IIOP), JMX and the Data Grid listened on every address, with
 * the domain's administrator having no password: anybody on the network could have deployed an application.
 *
 * <p>The test reads the server process's listening sockets from {@code /proc} (Linux: the CI machine and these ones),
 * so that a listener nobody thought of is found too. Two stay on every address and are named here: the test
 * servers' H2 TCP server (AUTO_SERVER, tests only) and, on Payara, the embedded broker's JMX connector (RMI).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerListenersIT {

    /** A listening socket in /proc/net/tcp6: local address, port, state 0A (LISTEN), and the socket's inode. */
    private static final Pattern LISTENER = Pattern.compile(
            "^\\s*\\d+: ([0-9A-F]+):([0-9A-F]{4}) [0-9A-F]+:[0-9A-F]{4} 0A (?:\\S+\\s+){5}(\\d+)");
    private static final Pattern ANY_ADDRESS = Pattern.compile("0+");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-02 issue 18: only HTTP and HTTPS listen on every address; administration, IIOP, JMX and the "
            + "data grid on loopback")
    void onlyHttpOnEveryAddress() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")), "needs Linux's /proc");
        long pid = serverPid();
        Set<String> sockets = socketInodes(pid);
        Set<Integer> everyAddress = new TreeSet<>();
        Set<Integer> loopback = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                Matcher m = LISTENER.matcher(line);
                if (m.find() && sockets.contains(m.group(3))) {
                    int port = Integer.parseInt(m.group(2), 16);
                    (ANY_ADDRESS.matcher(m.group(1)).matches() ? everyAddress : loopback).add(port);
                }
            }
        }
        System.out.printf(Locale.ROOT, "[listeners] %s (pid %d): every address %s, loopback %s%n",
                TestSettings.server(), pid, everyAddress, loopback);
        // (WildFly's test server serves HTTP on loopback only, its default; Payara's on every address.)
        assertTrue(everyAddress.contains(base.getPort()) || loopback.contains(base.getPort()),
                "the application's HTTP port " + base.getPort() + " is not among the server's listeners "
                        + everyAddress + " " + loopback + ": wrong process?");
        Set<Integer> others = new TreeSet<>(everyAddress);
        others.removeAll(Set.of(base.getPort(), TestSettings.tlsPort()));
        // The test servers' H2 runs with AUTO_SERVER so that tests can read it (it/pom.xml): a TCP server of H2's on
        // a port of its choosing, named in the database's lock file. The run command's H2 has none.
        h2AutoServerPort().ifPresent(others::remove);
        if (TestSettings.onPayara()) {
            // Payara's embedded broker exports its JMX connector's RMI objects on a port of their own, on every
            // address; binding them breaks asadmin's JMS commands (configure.asadmin). That connector asks for the
            // broker's administrator, whose password is random (issue 18 item 1). Anything else must not be there.
            others.removeIf(ServerListenersIT::speaksJavaRmi);
        }
        assertEquals(Set.of(), others, "ports on every address besides HTTP and HTTPS");
        if (TestSettings.onPayara()) {
            assertTrue(loopback.contains(4848), "the administration listener is not on loopback: " + loopback);
        } else {
            assertTrue(loopback.contains(9990), "the management interface is not on loopback: " + loopback);
        }
    }

    /** Whether the port answers Java RMI's handshake (JRMP: "JRMI", version 2, stream protocol; ProtocolAck 0x4E). */
    private static boolean speaksJavaRmi(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(new byte[] {0x4a, 0x52, 0x4d, 0x49, 0x00, 0x02, 0x4b});
            socket.getOutputStream().flush();
            return socket.getInputStream().read() == 0x4e;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port of the test database's AUTO_SERVER, from its lock file ({@code server=host:port}). */
    private static java.util.Optional<Integer> h2AutoServerPort() throws IOException {
        String url = TestSettings.databaseUrl();
        String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        Path lock = Path.of(file + ".lock.db");
        if (!Files.isReadable(lock)) {
            return java.util.Optional.empty();
        }
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(lock)) {
            properties.load(in);
        }
        String server = properties.getProperty("server", "");
        return server.contains(":") ? java.util.Optional.of(Integer.parseInt(server.substring(
                server.lastIndexOf(':') + 1))) : java.util.Optional.empty();
    }

    /** The server's JVM: the java process whose command line names the server's home. */
    private static long serverPid() {
        String home = Path.of(System.getProperty(TestSettings.onPayara() ? "switchboard.test.payara.home"
                : "switchboard.test.wildfly.home")).toAbsolutePath().normalize().toString();
        String marker = TestSettings.onPayara() ? "com.sun.enterprise.glassfish.bootstrap" : "jboss-modules.jar";
        List<Long> servers = ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            String line = commandLine(pid);
            return line.contains(home) && line.contains(marker);
        }).toList();
        assertEquals(1, servers.size(), "server processes of " + home + ": " + servers);
        return servers.get(0);
    }

    /** A process's command line, from /proc (ProcessHandle.Info leaves it out for long ones); empty if it ended. */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException ended) {
            return "";
        }
    }

    /** The inodes of the process's sockets, from its file descriptors ({@code socket:[inode]}). */
    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing
                }
            }
        }
        return inodes;
    }
}
