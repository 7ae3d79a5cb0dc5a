package org.switchboard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The values the it module passes to the tests as system properties: the server under test, the fixed test
 * secrets and the locations of the test servers. A test running inside a server reads the same values from
 * {@value #IN_SERVER_RESOURCE}, which {@link Deployments#earWithTests(Class...)} writes from the tests' JVM.
 */
public final class TestSettings {

    /** The class-path resource of an in-container test's module that holds the tests' JVM's settings. */
    static final String IN_SERVER_RESOURCE = "switchboard-test.properties";

    /** Empty in the tests' JVM, where the resource does not exist. */
    private static final Properties IN_SERVER = load();

    private TestSettings() {
    }

    /** The password of user {@code admin} in the test servers (created at their first start). */
    public static String adminPassword() {
        return required("switchboard.test.admin.password");
    }

    /** The password of the broker's integration account {@code switchboard} (docs/jms.md) in the test servers. */
    public static String jmsPassword() {
        return required("switchboard.test.jms-password");
    }

    /** The fixed secret key (base64, 32 bytes) the test servers encrypt secrets with. */
    public static String secretKey() {
        return required("switchboard.test.secret-key");
    }

    /**
     * The JDBC URL of the H2 database of the server under test (user {@code sa}, password {@code sa}). The test
     * servers open it with {@code AUTO_SERVER=TRUE}, so a test can connect while the server runs.
     */
    public static String databaseUrl() {
        return required("switchboard.test.database.url");
    }

    /** The Arquillian container qualifier of this run: {@code payara} or {@code wildfly}. */
    public static String container() {
        return property("arquillian.launch", "unknown");
    }

    /** The server under test, for messages: for example "Payara Server 6.2025.9". */
    public static String server() {
        return property("switchboard.test.server", container());
    }

    public static boolean onPayara() {
        return "payara".equals(container());
    }

    public static boolean onWildFly() {
        return "wildfly".equals(container());
    }

    /** The server's https port: Payara's {@code http-listener-2}, WildFly's {@code https} listener (self-signed). */
    public static int tlsPort() {
        return onPayara() ? 8181 : 8443;
    }

    static String required(String name) {
        String value = property(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the ITs through Maven"
                    + " (mvn verify) or pass it like the it module's pom.xml does");
        }
        return value;
    }

    private static String property(String name, String otherwise) {
        return System.getProperty(name, IN_SERVER.getProperty(name, otherwise));
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = TestSettings.class.getClassLoader().getResourceAsStream(IN_SERVER_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + IN_SERVER_RESOURCE, e);
        }
        return properties;
    }
}
