package org.switchboard.it;

import com.icegreen.greenmail.util.GreenMail;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.hamcrest.Matcher;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.switchboard.it.peer.PeerJms;

/**
 * The deployment of every integration test: the real EAR built by the {@code ear} module, deployed as it is
 * and tested as a client. Each IT class declares it in one line:
 *
 * <pre>{@code
 * @Deployment(testable = false) static EnterpriseArchive ear() { return Deployments.ear(); }
 * }</pre>
 *
 * and gets the application URL ({@code http://localhost:8080/switchboard/}) with
 * {@code @ArquillianResource URL base}. A test that must call into the application, such as a timer's due method
 * with a moved clock, runs inside the server instead: {@link #earWithTests(Class...)}.
 */
public final class Deployments {

    /** The application on the test servers, from the tests' JVM and from inside a server alike. */
    public static final String APPLICATION_URL = "http://localhost:8080/switchboard/";

    /** The web module that carries in-container tests into the EAR, and its context root. */
    static final String TESTS_MODULE = "switchboard-it.war";
    static final String TESTS_CONTEXT_ROOT = "/switchboard-it";

    /** A string: this class is loaded inside the server too, where ShrinkWrap has no implementation. */
    private static final String APPLICATION_XML = "META-INF/application.xml";
    private static final String JBOSS_DEPLOYMENT_STRUCTURE = "META-INF/jboss-deployment-structure.xml";

    private Deployments() {
    }

    /** The name of the archive {@link #ear()} returns (its file's name). */
    static String earName() {
        return new File(TestSettings.required("switchboard.ear")).getName();
    }

    /** The EAR named by the system property {@code switchboard.ear} (set by the it module's Failsafe executions). */
    public static EnterpriseArchive ear() {
        String path = TestSettings.required("switchboard.ear");
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalStateException("switchboard.ear=" + path + " is not a file: build the ear module first");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file);
    }

    /**
     * The real EAR plus one web module, {@value #TESTS_MODULE}, holding the given classes, the REST helpers
     * ({@link ApiClient}, {@link Fixtures}…), Awaitility and this JVM's test settings, for a test that runs inside
     * the server ({@code @Deployment} testable, without {@code @RunAsClient}):
     *
     * <pre>{@code
     * @Deployment static EnterpriseArchive ear() { return Deployments.earWithTests(ChatTimeoutsIT.class); }
     * @Inject ChatTimeouts timeouts;
     * }</pre>
     *
     * Arquillian's servlet protocol, on Payara and WildFly alike, puts its test runner into the WAR marked
     * {@link Testable} and its own libraries (JUnit, Arquillian) into the EAR's {@code lib/}. The module sees the
     * application's beans as its web module does and reaches its REST API at {@link #APPLICATION_URL}.
     */
    public static EnterpriseArchive earWithTests(Class<?>... classes) {
        return withTestsModule(testsModule(classes));
    }

    /**
     * Like {@link #earWithTests(Class...)}, for a test that runs GreenMail inside the server next to the application
     * (MB-02): the module also holds GreenMail and {@link LocalMail}. GreenMail logs through the EAR's SLF4J, and on
     * WildFly the module is given the Angus Mail classes that GreenMail speaks IMAP with, as the application's
     * modules are ({@value #JBOSS_DEPLOYMENT_STRUCTURE}; Payara shows them to every application).
     */
    public static EnterpriseArchive earWithMailTests(Class<?>... classes) {
        WebArchive tests = testsModule(classes).addClass(LocalMail.class)
                .addAsLibraries(jarOf(GreenMail.class));
        EnterpriseArchive ear = withTestsModule(tests);
        String structure = read(ear, JBOSS_DEPLOYMENT_STRUCTURE);
        int end = structure.lastIndexOf("</jboss-deployment-structure>");
        ear.delete(JBOSS_DEPLOYMENT_STRUCTURE);
        ear.addAsManifestResource(new StringAsset(structure.substring(0, end) + "    <sub-deployment name=\""
                + TESTS_MODULE + "\">\n        <dependencies>\n            <module name=\"org.eclipse.angus.mail\"/>\n"
                + "        </dependencies>\n    </sub-deployment>\n" + structure.substring(end)),
                "jboss-deployment-structure.xml");
        return ear;
    }

    /** The web module of in-container tests: the classes, the REST helpers, Awaitility and the test settings. */
    private static WebArchive testsModule(Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, TESTS_MODULE)
                .addClasses(classes)
                .addClasses(ApiClient.class, ApiResponse.class, Deployments.class, Fixtures.class, TestSettings.class,
                        TestModuleAuthentication.class, UsedSecrets.class)
                .addAsLibraries(jarOf(Awaitility.class), jarOf(Matcher.class))
                // A bean archive, so that Arquillian's CDI enricher can @Inject the application's beans.
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(testSettings()), TestSettings.IN_SERVER_RESOURCE);
    }

    /** The real EAR with the tests' module added and listed in its application.xml. */
    private static EnterpriseArchive withTestsModule(WebArchive tests) {
        EnterpriseArchive ear = ear();
        ear.addAsModule(Testable.archiveToTest(tests));
        // The EAR's application.xml lists its modules, and a server deploys only those.
        String applicationXml = read(ear, APPLICATION_XML);
        int end = applicationXml.lastIndexOf("</module>") + "</module>".length();
        ear.delete(APPLICATION_XML);
        ear.setApplicationXML(new StringAsset(applicationXml.substring(0, end) + "\n  <module><web><web-uri>"
                + TESTS_MODULE + "</web-uri><context-root>" + TESTS_CONTEXT_ROOT + "</context-root></web></module>"
                + applicationXml.substring(end)));
        return ear;
    }

    /** {@link #APPLICATION_URL} as a URL. */
    public static URL application() {
        try {
            return new URL(APPLICATION_URL);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JMS peer ({@code org.switchboard.it.peer}): a separate application, deployed next to the EAR, that talks to
     * Switchboard over its JMS contract by the destinations' physical names. Its URL is
     * {@code http://localhost:8080/switchboard-peer/}; {@link Peer} drives it.
     */
    public static WebArchive peer() {
        return ShrinkWrap.create(WebArchive.class, "switchboard-peer.war").addPackage(PeerJms.class.getPackage());
    }

    /**
     * A URL of the application like a link in a page: {@code "api/v1/health/ready"} is inside the application
     * ({@code base} is {@code http://localhost:8080/switchboard/}), {@code "/openapi"} is at the host root.
     */
    public static URI resolve(URL base, String path) {
        try {
            URI uri = base.toURI();
            return (uri.getPath().endsWith("/") ? uri : new URI(uri + "/")).resolve(path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid URI: " + base, e);
        }
    }

    /** The jar (or folder) this JVM loaded the class from. */
    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the jar of " + type.getName(), e);
        }
    }

    /** The test settings of this JVM (TestSettings' system properties), which a server does not have. */
    private static String testSettings() {
        Properties settings = new Properties();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("switchboard.test.") || name.equals("arquillian.launch"))
                .forEach(name -> settings.setProperty(name, System.getProperty(name)));
        StringWriter text = new StringWriter();
        try {
            settings.store(text, "The test JVM's settings, for tests inside the server (TestSettings)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String read(EnterpriseArchive ear, String path) {
        try (InputStream in = ear.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
