package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MB-02: what is kept of a message: bodies, files, addresses and the keys that thread and deduplicate it. */
class MailParserTest {

    private static final Date RECEIVED = Date.from(OffsetDateTime.of(2026, 11, 20, 8, 0, 0, 0, ZoneOffset.UTC)
            .toInstant());

    @Test
    @DisplayName("MB-02 text and HTML alternatives, an attachment with an encoded name and an inline image")
    void multipart() throws Exception {
        FetchedMail mail = parse("""
                Message-ID: <a1@example.org>
                From: =?UTF-8?B?0JDQvdC90LA=?= <Anna@Example.ORG>
                To: bob@example.com, "Carol C." <carol@example.com>
                Cc: dave@example.com
                Subject: =?UTF-8?Q?Offer_=E2=84=96_7?=
                Date: Thu, 19 Nov 2026 10:15:00 +0300
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=UTF-8

                Hello Bob
                --alt
                Content-Type: multipart/related; boundary="rel"

                --rel
                Content-Type: text/html; charset=UTF-8

                <p>Hello <img src="cid:logo@x"></p>
                --rel
                Content-Type: image/png
                Content-ID: <logo@x>
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --rel--
                --alt--
                --outer
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=UTF-8''%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQ=
                --outer--
                """);

        assertEquals("a1@example.org", mail.messageId());
        assertEquals("a1@example.org", mail.dedupeKey());
        assertEquals("Offer № 7", mail.subject());
        assertEquals(new FetchedMail.Address("anna@example.org", "Анна"), mail.from());
        assertEquals(List.of(new FetchedMail.Address("bob@example.com", null),
                new FetchedMail.Address("carol@example.com", "Carol C.")), mail.to());
        assertEquals(4, mail.allAddresses().size());
        assertEquals("Hello Bob", mail.textBody().strip());
        assertTrue(mail.htmlBody().contains("cid:logo@x"));
        assertEquals(OffsetDateTime.of(2026, 11, 19, 7, 15, 0, 0, ZoneOffset.UTC), mail.sentAt());
        assertEquals(RECEIVED.toInstant(), mail.receivedAt().toInstant());
        assertEquals(2, mail.attachments().size());
        FetchedMail.Attachment logo = mail.attachments().get(0);
        assertEquals("logo@x", logo.contentId());
        assertTrue(logo.inline());
        assertEquals("image/png", logo.contentType());
        FetchedMail.Attachment contract = mail.attachments().get(1);
        assertEquals("договор.pdf", contract.fileName());
        assertFalse(contract.inline());
        assertArrayEquals("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), contract.content());
    }

    @Test
    @DisplayName("MB-02 a reply is threaded under the first message of its References")
    void threading() throws Exception {
        FetchedMail reply = parse("""
                Message-ID: <r3@example.org>
                In-Reply-To: <r2@example.org>
                References: <r1@example.org> <r2@example.org>
                From: bob@example.com
                Subject: Re: Offer

                Thanks
                """);
        FetchedMail answer = parse("""
                Message-ID: <r2@example.org>
                In-Reply-To: <r1@example.org>
                From: anna@example.org
                Subject: Re: Offer

                Yes
                """);

        assertEquals("r1@example.org", reply.threadKey());
        assertEquals("r2@example.org", reply.inReplyTo());
        assertEquals("r1@example.org", answer.threadKey());
    }

    @Test
    @DisplayName("MB-02 a message without Message-ID still gets a stable key to deduplicate it by")
    void withoutMessageId() throws Exception {
        String raw = """
                From: bob@example.com
                Subject: No id
                Date: Thu, 19 Nov 2026 10:15:00 +0000

                Body
                """;
        FetchedMail once = parse(raw);
        FetchedMail again = parse(raw);

        assertNull(once.messageId());
        assertTrue(once.dedupeKey().startsWith("sha256:"));
        assertEquals(once.dedupeKey(), again.dedupeKey());
        assertEquals(once.dedupeKey(), once.threadKey());
    }

    @Test
    @DisplayName("MB-02 an unknown charset and a broken address list do not lose the message")
    void lenient() throws Exception {
        FetchedMail mail = parse("""
                Message-ID: <odd@example.org>
                From: bob@example.com
                To: "unterminated <anna@example.org>, @@@
                Subject: Odd
                Content-Type: text/plain; charset=x-no-such-charset

                Plain words
                """);

        assertEquals("Plain words", mail.textBody().strip());
        assertEquals("bob@example.com", mail.from().address());
        assertEquals("Odd", mail.subject());
    }

    private static FetchedMail parse(String raw) throws Exception {
        byte[] bytes = raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return MailParser.parse(new ByteArrayInputStream(bytes), 7, RECEIVED, bytes.length, false);
    }
}
