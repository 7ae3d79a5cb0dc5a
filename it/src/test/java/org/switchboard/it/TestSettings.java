package org.switchboard.it;

/**
 * The values the it module passes to the tests as system properties: the server under test, the fixed test
 * secrets and the locations of the test servers.
 */
public final class TestSettings {

    private TestSettings() {
    }

    /** The password of user {@code admin} in the test servers (created at their first start). */
    public static String adminPassword() {
        return required("switchboard.test.admin.password");
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
        return System.getProperty("arquillian.launch", "unknown");
    }

    /** The server under test, for messages: for example "Payara Server 6.2025.9". */
    public static String server() {
        return System.getProperty("switchboard.test.server", container());
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
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the ITs through Maven"
                    + " (mvn verify) or pass it like the it module's pom.xml does");
        }
        return value;
    }
}
