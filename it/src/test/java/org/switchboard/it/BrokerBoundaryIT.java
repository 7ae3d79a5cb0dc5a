package org.switchboard.it;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * The broker is a boundary (X-03, issue 18 item 1): an integration reaches Switchboard's destinations from outside the
 * server, as {@code docs/jms.md} tells it to, with the integration account that the configure scripts create, and
 * with nothing else. Each test connects as a real external client of the server's own broker: OpenMQ's client from
 * the Payara under test ({@code mq/lib/imq.jar}), Artemis' client on WildFly.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokerBoundaryIT {

    private static final String INTEGRATION_USER = "switchboard";
    private static final String INBOUND = "switchboardInbound";
    private static final String EVENTS = "switchboardEvents";
    private static final String OUTBOUND = "switchboardOutbound";
    /** Loopback, but not the address a broker bound to 127.0.0.1 listens on; one bound to all addresses answers. */
    private static final String OTHER_LOOPBACK = "127.0.0.2";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-03 issue 18 item 1: the broker refuses a client without credentials, guest/guest and admin/admin")
    void refusesAnonymousAndDefaultAccounts() {
        ConnectionFactory factory = factory();
        // OpenMQ signs a client without credentials in as guest/guest; Artemis passes no user at all.
        assertThrows(JMSSecurityException.class, () -> factory.createConnection().close(), "without credentials");
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("guest", "guest").close(), "guest");
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("admin", "admin").close(), "admin");
        assertThrows(JMSSecurityException.class,
                () -> factory.createConnection(INTEGRATION_USER, TestSettings.jmsPassword() + "x").close(),
                "the integration account with a wrong password");
    }

    @Test
    @DisplayName("X-03 issue 18 item 1: the integration account's message becomes a chat and its event reaches it")
    void integrationAccountProducesInboundAndConsumesEvents() throws JMSException {
        ChatScenario scenario = new ChatScenario(base);
        Operator alice = scenario.operator("alice");
        long channel = scenario.channel(scenario.queue("LEAST_BUSY", null, alice), true);
        String messageId = Fixtures.unique("broker-boundary");
        try (Connection connection = integration()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic(EVENTS));
            MessageConsumer replies = session.createConsumer(session.createTopic(OUTBOUND));
            replies.close();
            connection.start();

            MessageProducer producer = session.createProducer(session.createQueue(INBOUND));
            TextMessage message = session.createTextMessage(Json.createObjectBuilder().add("channelId", channel)
                    .add("messageId", messageId)
                    .add("sender", Json.createObjectBuilder().add("id", Fixtures.unique("sender")).add("name", "Ann"))
                    .add("text", "Hello over the broker").add("sentAt", Instant.now().toString()).build().toString());
            message.setJMSType("InboundChatMessage");
            message.setIntProperty("version", 1);
            producer.send(message);

            Optional<JsonObject> received = Optional.empty();
            long deadline = System.nanoTime() + ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Message event = events.receive(1_000);
                if (event instanceof TextMessage text && "ChatMessageReceived".equals(event.getJMSType())) {
                    JsonObject body = Json.createReader(new StringReader(text.getText())).readObject();
                    if (messageId.equals(body.getJsonObject("data").getString("providerMessageId", null))) {
                        received = Optional.of(body);
                    }
                }
            }
            assertTrue(received.isPresent(), "no ChatMessageReceived for " + messageId + " within 30 s");
        }
    }

    @Test
    @DisplayName("X-03 issue 18 item 1: the integration account cannot read the inbound queue nor publish events")
    void integrationAccountHasNoOtherRights() throws JMSException {
        try (Connection connection = integration()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // Forged events and replies: publishing on either topic is refused.
            assertRefused(() -> send(session, session.createProducer(session.createTopic(EVENTS))), "publish events");
            assertRefused(() -> send(session, session.createProducer(session.createTopic(OUTBOUND))),
                    "publish replies");
            // Somebody else's inbound messages: taking them off the queue is refused.
            assertRefused(() -> session.createConsumer(session.createQueue(INBOUND)).close(), "consume inbound");
        }
    }

    @Test
    @DisplayName("X-03 issue 18 item 1: the broker listens on loopback only")
    void brokerListensOnLoopbackOnly() throws IOException {
        List<Integer> ports = new ArrayList<>();
        if (TestSettings.onPayara()) {
            ports.addAll(openMqPorts());
        } else {
            ports.add(base.getPort()); // Artemis is reached through the HTTP listener (http-upgrade)
        }
        for (int port : ports) {
            assertTrue(accepts("127.0.0.1", port), "nothing listens on 127.0.0.1:" + port);
            assertFalse(accepts(OTHER_LOOPBACK, port), "port " + port + " is not bound to loopback only");
        }
    }

    @Test
    @DisplayName("X-03 issue 18 item 1: on Payara, asadmin still administers the broker with its new admin password")
    void payaraStillAdministersTheBroker() throws IOException, InterruptedException {
        Assumptions.assumeTrue(TestSettings.onPayara(), "WildFly's broker rules leave its administration as it was");
        Path asadmin = Path.of(System.getProperty("switchboard.test.payara.home"), "bin", "asadmin");
        ProcessBuilder command = new ProcessBuilder(asadmin.toString(), "list-jmsdest").redirectErrorStream(true);
        command.environment().put("TERM", "dumb"); // asadmin's console library complains when TERM is empty
        Process process = command.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "asadmin list-jmsdest did not end");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains(INBOUND), output);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Connection integration() throws JMSException {
        return factory().createConnection(INTEGRATION_USER, TestSettings.jmsPassword());
    }

    private static void send(Session session, MessageProducer producer) throws JMSException {
        TextMessage message = session.createTextMessage("{}");
        message.setJMSType("ChatMessageReceived");
        message.setIntProperty("version", 1);
        producer.send(message);
    }

    private interface JmsAction {
        void run() throws JMSException;
    }

    private static void assertRefused(JmsAction action, String what) {
        JMSException refused = assertThrows(JMSException.class, action::run, what + " was allowed");
        assertTrue(refused instanceof JMSSecurityException || String.valueOf(refused.getMessage()).contains("AMQ2290"),
                what + ": " + refused);
    }

    /** A connection factory of the broker under test, as an integration on this host configures it (docs/jms.md). */
    private static ConnectionFactory factory() {
        if (TestSettings.onWildFly()) {
            return new ActiveMQConnectionFactory("tcp://127.0.0.1:8080?httpUpgradeEnabled=true"
                    + "&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true&reconnectAttempts=0");
        }
        try {
            ClassLoader openMq = new URLClassLoader(new URL[] {openMqClient().toUri().toURL()},
                    BrokerBoundaryIT.class.getClassLoader());
            Class<?> type = openMq.loadClass("com.sun.messaging.ConnectionFactory");
            ConnectionFactory factory = (ConnectionFactory) type.getConstructor().newInstance();
            type.getMethod("setProperty", String.class, String.class).invoke(factory, "imqAddressList",
                    "mq://127.0.0.1:7676/");
            type.getMethod("setProperty", String.class, String.class).invoke(factory, "imqReconnectEnabled", "false");
            return factory;
        } catch (ReflectiveOperationException | MalformedURLException e) {
            throw new AssertionError("OpenMQ's client could not be loaded from " + openMqClient(), e);
        }
    }

    private static Path openMqClient() {
        Path jar = Path.of(System.getProperty("switchboard.test.payara.home"), "mq", "lib", "imq.jar");
        assertTrue(Files.isRegularFile(jar), "no OpenMQ client at " + jar);
        return jar;
    }

    /**
     * The port mapper's port and the ports of the services it lists. OpenMQ's port mapper speaks plain text: the
     * client sends its protocol version, the mapper answers with a line per service and a line ".".
     */
    private static List<Integer> openMqPorts() throws IOException {
        List<Integer> ports = new ArrayList<>(List.of(7676));
        Pattern service = Pattern.compile("^\\S+ tcp \\S+ (\\d+)");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 7676), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("101\n".getBytes(StandardCharsets.US_ASCII)); // as OpenMQ's client asks
            socket.getOutputStream().flush();
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null && !line.equals("."); line = reader.readLine()) {
                Matcher matcher = service.matcher(line);
                if (matcher.find() && Integer.parseInt(matcher.group(1)) != 0) { // 0: a service not listening
                    ports.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        assertTrue(ports.size() > 1, "the port mapper listed no service: " + ports);
        return ports;
    }

    private static boolean accepts(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
