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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.exchange.GraphFake;
import org.switchboard.core.exchange.GraphMailbox;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * Sending from a Microsoft 365 mailbox (MB-03) with the real {@link MailSender} and Graph client against the Graph
 * fake: sent as MIME and kept in Sent Items; after an attempt that was cut off, a message that Sent Items holds is
 * recorded as sent and not sent again, one it does not hold is sent once.
 */
class GraphSendTest {

    private static final String ADDRESS = "anna@contoso.example";

    private GraphFake fake;
    private final RecordingSendStore store = new RecordingSendStore();
    private final MailSender sender = new MailSender();
    private OutgoingMail outgoing;

    @BeforeEach
    void setUp() throws Exception {
        fake = new GraphFake();
        fake.mailbox(ADDRESS);
        String token = fake.accessToken(ADDRESS);
        sender.store = store;
        set("graph", fake.client());
        set("tokens", new MicrosoftTokenStore() {
            @Override
            public String accessToken(long mailboxId) {
                return token;
            }
        });
        outgoing = new OutgoingMail(ADDRESS, null, List.of("bob@example.org"), List.of(), List.of(), "Offer",
                "<p>Our offer</p>", "Our offer", List.of(), "offer-7@contoso.example", null, List.of(),
                OffsetDateTime.parse("2026-12-07T09:00:00Z"));
        store.attempt = new MailSendStore.Attempt(7, 3, ADDRESS, "anna", "anna", null, 2, outgoing, null, null,
                ADDRESS, null, MailTransport.GRAPH, null);
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
    @DisplayName("MB-03 a Microsoft 365 mailbox sends its MIME through sendMail; Sent Items keeps it")
    void sends() {
        store.claim = new MailSendStore.Claim(true, false);

        sender.deliver(7, false);

        assertEquals(List.of("sent"), store.calls);
        assertEquals(1, fake.sent(ADDRESS).size());
        assertTrue(new String(fake.sent(ADDRESS).get(0), StandardCharsets.UTF_8)
                .contains("Message-ID: <offer-7@contoso.example>"));
    }

    @Test
    @DisplayName("MB-03 after a cut-off attempt whose message Sent Items holds: recorded SENT, not sent again")
    void cutOffAndInSentItems() throws Exception {
        // The cut-off attempt's send reached Graph, which kept the message in Sent Items.
        ByteArrayOutputStream mime = new ByteArrayOutputStream();
        MailComposer.build(Session.getInstance(new Properties()), outgoing).writeTo(mime);
        fake.client().sendMail(new GraphMailbox(ADDRESS, true,
                fake.accessToken(ADDRESS)), mime.toByteArray());
        store.claim = new MailSendStore.Claim(true, true);

        sender.deliver(7, false);

        assertEquals(List.of("sent"), store.calls);
        assertEquals(1, fake.sent(ADDRESS).size(), "not sent a second time");
    }

    @Test
    @DisplayName("MB-03 after a cut-off attempt whose message Sent Items does not hold: sent once")
    void cutOffNotInSentItems() {
        store.claim = new MailSendStore.Claim(true, true);

        sender.deliver(7, false);

        assertEquals(List.of("sent"), store.calls);
        assertEquals(1, fake.sent(ADDRESS).size());
    }
}
