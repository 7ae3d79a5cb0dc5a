package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * X-02, issue 18 item 10: REST bodies are read strictly on the deployed EAR. What JSON-B let through (trailing
 * garbage, an array for an object, a number for a text, a wrapped 64-bit id, a NUL, an unknown enum value) is a 400
 * problem naming the field, and a mailbox password too long to be one is refused before any mail server is asked;
 * no answer carries an exception's text.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StrictBodiesIT {

    private static final String SETTING = "api/v1/settings/SimultaneousChats";
    private static final String USERS = "api/v1/users";
    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Mail-Secret-1";
    private static final String CODE = "validation.json";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-02 issue 18: garbage after the JSON object is a 400 on the body, and the setting stays as it was")
    void trailingGarbage() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject before = admin.get(SETTING).object();

        ApiResponse refused = raw(admin, "PUT", SETTING, "{\"value\":\"20\"}}}");

        assertRefused(refused, "$");
        assertEquals(before, admin.get(SETTING).object());
    }

    @Test
    @DisplayName("X-02 issue 18: an array where the body is an object is a 400 on the body, and nothing changes")
    void arrayForObject() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject before = admin.get(SETTING).object();

        ApiResponse refused = raw(admin, "PUT", SETTING, "[{\"value\":\"20\"}]");

        assertRefused(refused, "$");
        assertEquals(before, admin.get(SETTING).object());
    }

    @Test
    @DisplayName("X-02 issue 18: a number, boolean, object or array for a text, and a text for a number, boolean or "
            + "list, are each a 400 naming the field (in the caller's language); no user is created")
    void wrongKinds() {
        ApiClient admin = ApiClient.asAdmin(base);
        String login = Fixtures.unique("kinds");
        int users = admin.get(USERS).array().size();

        ApiResponse number = admin.post(USERS, Json.createObjectBuilder().add("login", login)
                .add("displayName", 123).add("password", Fixtures.PASSWORD).build());
        ApiResponse mixed = ApiClient.asAdmin(base).header("Accept-Language", "ru").post(USERS,
                Json.createObjectBuilder().add("login", login).add("displayName", "Kinds")
                        .add("email", true).add("password", Fixtures.PASSWORD).add("enabled", "yes")
                        .add("locale", Json.createArrayBuilder().add("en")).add("roleIds", "1")
                        .add("version", "3").build());

        assertRefused(number, "displayName");
        assertRefused(mixed, "email");
        assertEquals(Set.of("email", "enabled", "locale", "roleIds", "version"), fields(mixed), mixed::toString);
        assertTrue(mixed.object().getJsonArray("errors").getJsonObject(0).getString("message")
                .matches(".*\\p{IsCyrillic}.*"), mixed::toString);
        assertEquals(users, admin.get(USERS).array().size(), "no user was created");
    }

    @Test
    @DisplayName("X-02 issue 18: a channelId beyond 64 bits or with a fraction, and a version beyond 64 bits, are a "
            + "400 naming the field, not a wrapped or rounded id")
    void numbersOutOfRange() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject before = admin.get(SETTING).object();

        ApiResponse overflow = admin.post("api/v1/inbound", inbound(new BigDecimal("9223372036854775808")));
        ApiResponse fraction = admin.post("api/v1/inbound", inbound(new BigDecimal("50.5")));
        ApiResponse version = admin.put(SETTING, Json.createObjectBuilder().add("value", "4")
                .add("version", new BigInteger("18446744073709551617")).build());
        ApiResponse roleId = admin.post(USERS, Json.createObjectBuilder().add("login", Fixtures.unique("range"))
                .add("displayName", "Range").add("password", Fixtures.PASSWORD)
                .add("roleIds", Json.createArrayBuilder().add(new BigDecimal("1.5"))).build());

        overflow.assertProblem(400, "validation.inbound.body", "channelId");
        fraction.assertProblem(400, "validation.inbound.body", "channelId");
        assertNoExceptionText(overflow);
        assertRefused(version, "version");
        assertRefused(roleId, "roleIds[0]");
        assertEquals(before, admin.get(SETTING).object());
    }

    @Test
    @DisplayName("X-02 issue 18: a NUL or another control character in any text of a body is a 400 naming the field; "
            + "nothing is stored")
    void controlCharacters() {
        ApiClient admin = ApiClient.asAdmin(base);
        int users = admin.get(USERS).array().size();

        ApiResponse nul = admin.post(USERS, Json.createObjectBuilder().add("login", Fixtures.unique("nul"))
                .add("displayName", "Eve\u0000").add("password", Fixtures.PASSWORD).build());
        ApiResponse escape = admin.post("api/v1/chat-queues", Json.createObjectBuilder()
                .add("name", "Queue \u001b[31m").add("routingRule", "TO_ALL").build());
        JsonObject message = Json.createObjectBuilder(inbound(BigDecimal.valueOf(50)))
                .add("sender", Json.createObjectBuilder().add("id", "1").add("name", "Bell\u0007")).build();
        ApiResponse inbound = admin.post("api/v1/inbound", message);

        assertRefused(nul, "displayName");
        assertRefused(escape, "name");
        assertRefused(inbound, "sender.name");
        assertEquals(users, admin.get(USERS).array().size(), "no user was created");
    }

    @Test
    @DisplayName("X-02 issue 18: an unknown enum value is a 400 naming the field and listing the accepted values")
    void unknownEnumValue() {
        ApiResponse refused = ApiClient.asAdmin(base).post("api/v1/chat-queues", Json.createObjectBuilder()
                .add("name", Fixtures.unique("Enum")).add("routingRule", "RANDOM").build());

        assertRefused(refused, "routingRule");
        String message = refused.object().getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains("TO_ALL") && message.contains("LEAST_BUSY"), refused::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: a 1 MB mailbox password is a 400 on the password before any mail server is asked "
            + "(on connecting and on changing credentials); nothing is written")
    void hugePasswordAsksNoServer() throws IOException {
        String huge = "p".repeat(1_000_000);
        try (CountingRelay imap = new CountingRelay(MAIL.getImap().getPort())) {
            String domain = provider(imap.port());
            ApiClient user = newUser();
            String first = "first@" + domain;
            MAIL.setUser(first, first, SECRET);

            ApiResponse connect = user.post(MAILBOXES, Json.createObjectBuilder().add("address", first)
                    .add("password", huge).build());

            connect.assertProblem(400, "validation.password.tooLong", "password");
            assertNoExceptionText(connect);
            assertTrue(user.get(MAILBOXES).array().isEmpty(), "no mailbox was created");
            // The relay sees the connection of a real log-in: the refused one above made none.
            long id = user.post(MAILBOXES, Json.createObjectBuilder().add("address", first).add("password", SECRET)
                    .build()).assertCreated().getJsonNumber("id").longValue();
            imap.awaitConnections(1);
            JsonObject mailbox = user.get(MAILBOXES + "/" + id).object();

            ApiResponse credentials = user.put(MAILBOXES + "/" + id + "/credentials",
                    Json.createObjectBuilder().add("password", huge).build());

            credentials.assertProblem(400, "validation.password.tooLong", "password");
            assertNoExceptionText(credentials);
            assertEquals(mailbox.getInt("version"), user.get(MAILBOXES + "/" + id).object().getInt("version"),
                    "the credentials were not written");
            ApiResponse changed = user.put(MAILBOXES + "/" + id + "/credentials",
                    Json.createObjectBuilder().add("password", SECRET).build());
            assertEquals(200, changed.status(), changed::toString);
            imap.awaitConnections(2);
        }
    }

    @Test
    @DisplayName("X-02 issue 18: a mail server that drops the connection during the log-in is a 502 that names the "
            + "host without any exception's text")
    void droppedConnectionWithoutExceptionText() throws IOException {
        try (DroppingImapServer server = new DroppingImapServer()) {
            String domain = provider(server.port());

            ApiResponse refused = newUser().post(MAILBOXES, Json.createObjectBuilder().add("address", "x@" + domain)
                    .add("password", SECRET).build());

            refused.assertProblem(502, "error.mailbox.unreachable", null);
            assertTrue(refused.object().getString("detail").contains("127.0.0.1"), refused::toString);
            assertNoExceptionText(refused);
        }
    }

    private static JsonObject inbound(BigDecimal channelId) {
        return Json.createObjectBuilder().add("type", "InboundChatMessage").add("channelId", channelId)
                .add("messageId", Fixtures.unique("strict")).add("sender", Json.createObjectBuilder().add("id", "1"))
                .add("text", "Hello").build();
    }

    /** A provider of an IMAP server on a local port (no SMTP) that logs in with the address, with its own domain. */
    private String provider(int imapPort) {
        ApiClient admin = ApiClient.asAdmin(base);
        String domain = Fixtures.unique("strict").toLowerCase() + ".test";
        long id = admin.post("api/v1/mail-providers", Json.createObjectBuilder().add("type", "IMAP")
                .add("name", Fixtures.unique("Strict mail")).add("imapHost", "127.0.0.1").add("imapPort", imapPort)
                .add("imapSecurity", "NONE").add("smtpEnabled", false).add("loginFormat", "EMAIL")
                .add("authentication", "BASIC").build()).assertCreated().getJsonNumber("id").longValue();
        admin.post("api/v1/mail-provider-domains", Json.createObjectBuilder().add("domain", domain)
                .add("providerId", id).build()).assertCreated();
        return domain;
    }

    private ApiClient newUser() {
        String login = Fixtures.unique("strict");
        Fixtures.user(ApiClient.asAdmin(base), login);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    /** A 400 problem of the strict reading whose first error is on the field, without an exception's text. */
    private static void assertRefused(ApiResponse response, String field) {
        response.assertProblem(400, CODE, field);
        assertNoExceptionText(response);
    }

    private static void assertNoExceptionText(ApiResponse response) {
        assertFalse(response.body().contains("Exception") || response.body().contains("java."), response::toString);
    }

    private static Set<String> fields(ApiResponse response) {
        return response.object().getJsonArray("errors").stream()
                .map(error -> error.asJsonObject().getString("field")).collect(Collectors.toSet());
    }

    /** Sends a body as it is, however malformed. */
    private static ApiResponse raw(ApiClient api, String method, String path, String body) {
        return api.send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * A TCP relay on a local port to a mail server, counting the connections made through it: a mail server asked
     * by the application shows as one more connection.
     */
    private static final class CountingRelay implements AutoCloseable {

        private final ServerSocket server;
        private final AtomicInteger connections = new AtomicInteger();
        private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "counting-relay");
            thread.setDaemon(true);
            return thread;
        });

        CountingRelay(int targetPort) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.execute(() -> accept(targetPort));
        }

        int port() {
            return server.getLocalPort();
        }

        /** Waits until the relay has seen that many connections, and asserts it has seen no more. */
        void awaitConnections(int expected) {
            Awaitility.await("connections through the relay").atMost(ofSeconds(10)).pollInterval(ofMillis(20))
                    .until(connections::get, count -> count >= expected);
            assertEquals(expected, connections.get(), "connections to the mail server");
        }

        private void accept(int targetPort) {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    connections.incrementAndGet();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // Closed: the test is over.
                }
            }
        }

        private void pump(Socket from, Socket to) {
            threads.execute(() -> {
                try (from; to) {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                    // One side hung up: both are closed.
                }
            });
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }

    /** An IMAP server that greets, then resets the connection when the client starts to log in. */
    private static final class DroppingImapServer implements AutoCloseable {

        private final ServerSocket server;
        private final Thread thread;

        DroppingImapServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "dropping-imap");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII));
                    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
                    out.write("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
                    out.flush();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (!line.contains("CAPABILITY")) {
                            socket.setSoLinger(true, 0);
                            break;
                        }
                        out.write("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + line.split(" ")[0] + " OK done\r\n");
                        out.flush();
                    }
                } catch (IOException e) {
                    // Closed: the test is over.
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
