package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.exchange.EwsCredentials;
import org.switchboard.core.exchange.EwsFake;
import org.switchboard.core.exchange.EwsJavaApiMailClient;
import org.switchboard.core.exchange.EwsMailbox;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * Sending from an Exchange Server mailbox (MB-03) with the real {@link MailSender} and EWS client against the EWS fake:
 * after an attempt that was cut off, a message that Sent Items holds is recorded as sent and not sent again, one it
 * does not hold is sent once; a mailbox signed in with Microsoft sends with its token, replaced once when Exchange
 * refuses it (MO-02).
 */
class EwsSendTest {

    private static final String ADDRESS = "olga@fabrikam.example";
    private static final String PASSWORD = "Summer-2026!";

    private EwsFake fake;
    private final RecordingSendStore store = new RecordingSendStore();
    private final MailSender sender = new MailSender();
    private final AtomicInteger refreshes = new AtomicInteger();
    private OutgoingMail outgoing;

    @BeforeEach
    void setUp() throws Exception {
        fake = new EwsFake();
        fake.mailbox(ADDRESS);
        fake.password(ADDRESS, ADDRESS, PASSWORD);
        sender.store = store;
        set("ews", new EwsJavaApiMailClient());
        set("tokens", new MicrosoftTokenStore() {
            @Override
            public String accessToken(long mailboxId) {
                return "token-refused";
            }

            @Override
            public String replaceRejected(long mailboxId, String rejected) {
                refreshes.incrementAndGet();
                return "token-new";
            }
        });
        outgoing = new OutgoingMail(ADDRESS, null, List.of("bob@example.org"), List.of(), List.of(), "Offer",
                "<p>Our offer</p>", "Our offer", List.of(), "offer-8@fabrikam.example", null, List.of(),
                OffsetDateTime.parse("2026-12-07T09:00:00Z"));
        attempt(new EwsCredentials.Basic(ADDRESS, PASSWORD));
    }

    private void attempt(EwsCredentials credentials) {
        store.attempt = new MailSendStore.Attempt(8, 4, ADDRESS, "olga", "olga", null, 2, outgoing, null, null,
                ADDRESS, null, MailTransport.EWS, new EwsMailbox(fake.url(), ADDRESS, credentials, false));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private void set(String name, Object value) throws ReflectiveOperationException {
        Field field = MailSender.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(sender, value);
    }

    @Test
    @DisplayName("MB-03 after a cut-off EWS attempt whose message Sent Items holds: recorded SENT, not sent again")
    void cutOffAndInSentItems() throws Exception {
        // The cut-off attempt's CreateItem reached Exchange, which kept the message in Sent Items.
        ByteArrayOutputStream mime = new ByteArrayOutputStream();
        MailComposer.build(Session.getInstance(new Properties()), outgoing).writeTo(mime);
        new EwsJavaApiMailClient().send(store.attempt.ews(), mime.toByteArray());
        store.claim = new MailSendStore.Claim(true, true);

        sender.deliver(8, false);

        assertEquals(List.of("sent"), store.calls);
        assertEquals(1, fake.sent(ADDRESS).size(), "not sent a second time");
    }

    @Test
    @DisplayName("MB-03 after a cut-off EWS attempt whose message Sent Items does not hold: sent once")
    void cutOffNotInSentItems() {
        store.claim = new MailSendStore.Claim(true, true);

        sender.deliver(8, false);

        assertEquals(List.of("sent"), store.calls);
        assertEquals(1, fake.sent(ADDRESS).size());
        assertTrue(new String(fake.sent(ADDRESS).get(0), StandardCharsets.UTF_8)
                .contains("Message-ID: <offer-8@fabrikam.example>"));
    }

    @Test
    @DisplayName("MO-02 MB-03 a mailbox signed in with Microsoft sends with its access token; one Exchange refuses is "
            + "replaced once")
    void tokenReplacedOnce() {
        fake.acceptToken("token-new", ADDRESS);
        attempt(new EwsCredentials.MicrosoftSignIn(ADDRESS));
        store.claim = new MailSendStore.Claim(true, false);

        sender.deliver(8, false);

        assertEquals(List.of("sent"), store.calls);
        assertEquals(1, refreshes.get());
        assertEquals(1, fake.sent(ADDRESS).size());
    }
}
