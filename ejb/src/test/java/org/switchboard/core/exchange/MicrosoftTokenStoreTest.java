package org.switchboard.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.CoreClasses;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.common.SchemaPlaceholders;

/**
 * The token lifecycle of a mailbox signed in with Microsoft (MO-01, MO-02), with the real {@link MicrosoftTokenStore}
 * over a database that Flyway migrates (H2, Hibernate, one entity manager per "node") and the stateful Entra ID fake,
 * which rotates refresh tokens and refuses a rotated-away one as Entra ID does: two nodes refreshing at once keep the
 * rotated token; a token that lasts is not refreshed; a revoked consent flags the mailbox once.
 */
class MicrosoftTokenStoreTest {

    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");
    private static final String ADDRESS = "anna@contoso.example";
    private static final long MAILBOX = 3000;

    static {
        HIBERNATE_LOG.setLevel(Level.SEVERE);
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private GraphFake fake;
    private String url;
    private EntityManagerFactory factory;
    private SecretCipher cipher;
    private MicrosoftOAuth oauth;
    private final List<DomainEvent> events = new ArrayList<>();
    private final List<EntityManager> managers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fake = new GraphFake();
        fake.mailbox(ADDRESS);
        url = "jdbc:h2:mem:tokens-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
                .placeholders(SchemaPlaceholders.forProduct("H2")).load().migrate();
        factory = Persistence.createEntityManagerFactory("switchboard-chat-rules", Map.of(
                "jakarta.persistence.jdbc.driver", "org.h2.Driver", "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", "sa", "jakarta.persistence.jdbc.password", "",
                "hibernate.loaded_classes", CoreClasses.entities()));
        cipher = cipher();
        oauth = new MicrosoftOAuth(fake.loginUrl(), Clock.systemUTC());
        MicrosoftSignIn signIn = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI, ADDRESS,
                MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        Map<String, String> answer = fake.authorize(signIn.authorizationUrl());
        MicrosoftTokens tokens = oauth.redeem(app(), signIn, answer.get("state"), answer.get("code"));
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            update(db, "INSERT INTO app_user (id, version, login, display_name, password_hash, enabled, created_at, "
                    + "password_changed_at) VALUES (1000, 0, 'anna', 'Anna', 'x', TRUE, CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP)");
            update(db, "INSERT INTO mail_provider (id, version, name, provider_type, smtp_enabled, load_mail, "
                    + "send_mail, login_format, authentication, oauth_client_id, oauth_client_secret, created_at, "
                    + "exchange_kind, oauth_tenant) VALUES (2000, 0, 'Contoso 365', 'EXCHANGE', TRUE, TRUE, TRUE, "
                    + "'EMAIL', 'OAUTH2', ?, ?, CURRENT_TIMESTAMP, 'MICROSOFT_365', ?)", GraphFake.CLIENT_ID,
                    cipher.encrypt(GraphFake.CLIENT_SECRET), GraphFake.TENANT);
            update(db, "INSERT INTO mailbox (id, version, owner_id, provider_id, address, login, status, "
                    + "load_period, created_at) VALUES (?, 0, 1000, 2000, ?, ?, 'READY', 'WEEK', CURRENT_TIMESTAMP)",
                    MAILBOX, ADDRESS, ADDRESS);
            // Stored as a sign-in stores them, expiring within the refresh margin.
            update(db, "INSERT INTO mailbox_token (mailbox_id, version, access_token, refresh_token, expires_at, "
                    + "refreshed_at) VALUES (?, 0, ?, ?, ?, CURRENT_TIMESTAMP)", MAILBOX,
                    cipher.encrypt(tokens.accessToken()), cipher.encrypt(tokens.refreshToken()),
                    OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        managers.forEach(EntityManager::close);
        factory.close();
        fake.close();
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            db.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    @DisplayName("MO-02 two nodes refreshing one mailbox's token at once: one asks Entra ID, the other waits on the "
            + "row and takes the token it saved; the rotated refresh token is kept and works")
    void concurrentRefreshKeepsRotatedToken() throws Exception {
        CyclicBarrier bothIn = new CyclicBarrier(2);
        Node a = node(bothIn);
        Node b = node(bothIn);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> fromA = threads.submit(() -> a.accessToken(MAILBOX));
            Future<String> fromB = threads.submit(() -> b.accessToken(MAILBOX));
            String tokenA = fromA.get(30, TimeUnit.SECONDS);
            String tokenB = fromB.get(30, TimeUnit.SECONDS);

            assertEquals(tokenA, tokenB, "one refresh: the second node took the token the first saved");
            assertNull(column("sign_in_needed_at"), "not flagged: no node used a rotated-away refresh token");
            assertTrue(events.isEmpty(), events::toString);
            // The stored refresh token is the rotated one: Entra ID accepts it for the next refresh.
            String next = node(null).replaceRejected(MAILBOX, tokenA);
            assertNotEquals(tokenA, next);
            assertEquals("refresh_token", fake.lastTokenForm().get("grant_type"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @DisplayName("MO-02 a token that lasts beyond the margin is used as stored; one near expiry is refreshed")
    void refreshOnlyNearExpiry() throws Exception {
        Node node = node(null);
        String refreshed = node.accessToken(MAILBOX);
        assertEquals("refresh_token", fake.lastTokenForm().get("grant_type"));

        assertEquals(refreshed, node.accessToken(MAILBOX), "lasts an hour now: no second refresh");
        OffsetDateTime expires = (OffsetDateTime) column("expires_at");
        assertTrue(expires.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(50)), expires::toString);
        assertFalse(String.valueOf(column("access_token")).contains(refreshed), "stored encrypted");
    }

    @Test
    @DisplayName("MO-02 a revoked consent (invalid_grant) flags the mailbox \"sign in again\" with Entra's reason and "
            + "tells its owner once, however often it is tried")
    void revokedConsentFlagsOnce() throws Exception {
        fake.revokeConsent(ADDRESS);
        Node node = node(null);

        EntraException first = assertThrows(EntraException.class, () -> node.accessToken(MAILBOX));
        EntraException second = assertThrows(EntraException.class, () -> node.accessToken(MAILBOX));

        assertEquals(EntraException.Outcome.SIGN_IN_AGAIN, first.outcome());
        assertEquals(EntraException.Outcome.SIGN_IN_AGAIN, second.outcome());
        assertNotNull(column("sign_in_needed_at"));
        assertTrue(String.valueOf(column("sign_in_reason")).contains("AADSTS70000"));
        assertEquals(1, events.size(), events::toString);
        MailboxSignInNeeded told = (MailboxSignInNeeded) events.get(0);
        assertEquals(List.of("anna"), told.audience());
        assertFalse(told.reason().contains(GraphFake.CLIENT_SECRET));
    }

    /** One node's token store: its own entity manager, each transactional step in a transaction of its own. */
    private Node node(CyclicBarrier beforeRefresh) throws ReflectiveOperationException {
        EntityManager em = factory.createEntityManager();
        managers.add(em);
        Node node = new Node(em, beforeRefresh);
        set(node, "em", em);
        set(node, "cipher", cipher);
        set(node, "oauth", oauth);
        set(node, "outbox", new EventOutbox() {
            @Override
            public void record(DomainEvent event, String actor) {
                synchronized (events) {
                    events.add(event);
                }
            }
        });
        set(node, "clock", Clock.systemUTC());
        set(node, "self", node);
        return node;
    }

    /** The container's transactions around the store's REQUIRES_NEW methods; EntraException does not roll back. */
    private static final class Node extends MicrosoftTokenStore {

        private final EntityManager tx;
        private final CyclicBarrier beforeRefresh;

        Node(EntityManager tx, CyclicBarrier beforeRefresh) {
            this.tx = tx;
            this.beforeRefresh = beforeRefresh;
        }

        @Override
        public String current(long mailboxId) {
            return inTransaction(() -> super.current(mailboxId));
        }

        @Override
        public String refresh(long mailboxId, String rejected) {
            if (beforeRefresh != null) {
                try {
                    // Both nodes found the token near expiry before either refreshes it.
                    beforeRefresh.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return inTransaction(() -> super.refresh(mailboxId, rejected));
        }

        private synchronized String inTransaction(Supplier<String> work) {
            tx.getTransaction().begin();
            try {
                String result = work.get();
                tx.getTransaction().commit();
                return result;
            } catch (EntraException e) {
                tx.getTransaction().commit();
                throw e;
            } catch (RuntimeException e) {
                if (tx.getTransaction().isActive()) {
                    tx.getTransaction().rollback();
                }
                throw e;
            } finally {
                tx.clear();
            }
        }
    }

    private EntraApp app() {
        return new EntraApp(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.CLIENT_SECRET);
    }

    /** A column of the mailbox's row ({@code sign_in_…}) or of its token row (the rest). */
    private Object column(String name) throws SQLException {
        boolean ofMailbox = name.startsWith("sign_in");
        String sql = "SELECT " + name + (ofMailbox ? " FROM mailbox WHERE id = ?"
                : " FROM mailbox_token WHERE mailbox_id = ?");
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                PreparedStatement select = db.prepareStatement(sql)) {
            select.setLong(1, MAILBOX);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return name.endsWith("_at") ? row.getObject(1, OffsetDateTime.class) : row.getObject(1);
            }
        }
    }

    private static void update(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static SecretCipher cipher() throws ReflectiveOperationException {
        SecretCipher cipher = new SecretCipher();
        set(cipher, "configuredKey", Optional.of(Base64.getEncoder().encodeToString(new byte[32])));
        set(cipher, "mode", "production");
        Method init = SecretCipher.class.getDeclaredMethod("init");
        init.setAccessible(true);
        init.invoke(cipher);
        return cipher;
    }

    private static void set(Object bean, String name, Object value) throws ReflectiveOperationException {
        for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(bean, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }
}
