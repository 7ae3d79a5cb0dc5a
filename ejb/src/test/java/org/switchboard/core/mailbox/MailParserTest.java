package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
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

    @Test
    @DisplayName("MB-02 a truncated base64 text part is shown as far as it decodes, with the original attached")
    void truncatedBase64() throws Exception {
        byte[] raw = crlf("""
                Message-ID: <b64@example.org>
                From: bob@example.com
                Subject: Report
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                SGVsbG8gd29y
                bGQ
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename=report.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQ=
                --b--
                """, StandardCharsets.UTF_8);

        FetchedMail mail = parse(raw);

        assertEquals("Hello world", mail.textBody());
        assertEquals(List.of(new ReadProblem(ReadProblem.Kind.DAMAGED_ENCODING, "text/plain")), mail.problems());
        assertEquals(List.of("report.pdf", "original.eml"),
                mail.attachments().stream().map(FetchedMail.Attachment::fileName).toList());
        assertArrayEquals("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), mail.attachments().get(0).content());
        FetchedMail.Attachment original = mail.attachments().get(1);
        assertEquals("message/rfc822", original.contentType());
        assertFalse(original.inline());
        assertNull(original.contentId());
        assertArrayEquals(raw, original.content());
    }

    @Test
    @DisplayName("MB-02 a part in a transfer encoding nobody knows is shown as it was sent")
    void unknownTransferEncoding() throws Exception {
        byte[] raw = crlf("""
                Message-ID: <xfoo@example.org>
                From: bob@example.com
                Subject: Odd encoding
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: x-foo

                Hello =41 as sent
                """, StandardCharsets.UTF_8);

        FetchedMail mail = parse(raw);

        assertEquals("Hello =41 as sent\r\n", mail.textBody());
        assertEquals(List.of(new ReadProblem(ReadProblem.Kind.UNKNOWN_ENCODING, "x-foo")), mail.problems());
        assertEquals(1, mail.attachments().size());
        assertArrayEquals(raw, mail.attachments().get(0).content());
    }

    @Test
    @DisplayName("MB-02 a message of multiparts nested thousands deep is read to a sane depth, not a stack overflow")
    void nestedThousandsDeep() throws Exception {
        int levels = 5000;
        StringBuilder raw = new StringBuilder("From: bob@example.org\r\nSubject: Deep\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < levels; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nDeep down\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }

        FetchedMail mail = parse(raw.toString());

        assertEquals("Deep", mail.subject());
        assertEquals(ReadProblem.Kind.UNREADABLE_STRUCTURE, mail.problems().get(0).kind());
    }

    @Test
    @DisplayName("MB-02 a multipart whose boundary never appears keeps its headers and shows its body as text")
    void unreadableStructure() throws Exception {
        byte[] raw = crlf("""
                Message-ID: <broken@example.org>
                From: Bob <bob@example.com>
                To: anna@example.org
                Subject: Broken structure
                Date: Thu, 19 Nov 2026 10:15:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-there"

                --something-else
                Content-Type: text/plain

                The words are still here
                --something-else--
                """, StandardCharsets.UTF_8);

        FetchedMail mail = parse(raw);

        assertEquals("broken@example.org", mail.messageId());
        assertEquals("Broken structure", mail.subject());
        assertEquals(new FetchedMail.Address("bob@example.com", "Bob"), mail.from());
        assertEquals(List.of(new FetchedMail.Address("anna@example.org", null)), mail.to());
        assertEquals(OffsetDateTime.of(2026, 11, 19, 10, 15, 0, 0, ZoneOffset.UTC), mail.sentAt());
        assertTrue(mail.textBody().contains("The words are still here"));
        assertEquals(List.of(new ReadProblem(ReadProblem.Kind.UNREADABLE_STRUCTURE, "multipart/mixed")),
                mail.problems());
        assertEquals(List.of("original.eml"),
                mail.attachments().stream().map(FetchedMail.Attachment::fileName).toList());
        assertArrayEquals(raw, mail.attachments().get(0).content());
    }

    @Test
    @DisplayName("MB-02 damaged quoted-printable is decoded leniently: =ZZ kept as sent, soft breaks joined")
    void damagedQuotedPrintable() throws Exception {
        FetchedMail mail = parse("""
                Message-ID: <qp@example.org>
                From: bob@example.com
                Subject: Prices
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Caf=C3=A9 costs =ZZ 5 =3d five, all on one lo=
                ng line, ending in a soft break=
                --b--
                """);

        assertEquals("Café costs =ZZ 5 = five, all on one long line, ending in a soft break", mail.textBody());
        assertEquals(List.of(new ReadProblem(ReadProblem.Kind.DAMAGED_ENCODING, "text/plain")), mail.problems());
        assertEquals("original.eml", mail.attachments().get(0).fileName());
    }

    @Test
    @DisplayName("MB-02 raw UTF-8 in Subject, display names and an unquoted file name (RFC 6532) reads as UTF-8")
    void rawUtf8Headers() throws Exception {
        FetchedMail mail = parse("""
                Message-ID: <utf8@example.org>
                From: Привет <anna@example.org>
                To: "Привет Мир" <bob@example.com>, Иван <ivan@example.com>
                Subject: Привет
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                Текст
                --b
                Content-Type: application/pdf; name=Договор.pdf
                Content-Disposition: attachment; filename=Договор.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQ=
                --b--
                """);

        assertEquals("Привет", mail.subject());
        assertEquals(new FetchedMail.Address("anna@example.org", "Привет"), mail.from());
        assertEquals(List.of(new FetchedMail.Address("bob@example.com", "Привет Мир"),
                new FetchedMail.Address("ivan@example.com", "Иван")), mail.to());
        assertEquals("Текст", mail.textBody());
        assertEquals("Договор.pdf", mail.attachments().get(0).fileName());
        assertEquals(List.of(), mail.problems());
    }

    @Test
    @DisplayName("MB-02 an 8-bit body that declares no charset reads as UTF-8 when it is valid UTF-8")
    void undeclaredUtf8Body() throws Exception {
        FetchedMail mail = parse("""
                Message-ID: <plain8@example.org>
                From: bob@example.com
                Subject: No charset

                Привет, мир
                """);

        assertEquals("Привет, мир", mail.textBody().strip());
        assertEquals(List.of(), mail.problems());
    }

    @Test
    @DisplayName("MB-02 windows-1251 headers and body with no charset are read in the fallback charset")
    void windows1251WithoutCharset() throws Exception {
        FetchedMail mail = parse(crlf("""
                Message-ID: <cp1251@example.org>
                From: Иван <ivan@example.com>
                Subject: Привет
                Content-Type: text/plain

                Привет, мир
                """, Charset.forName("windows-1251")));

        assertEquals("Привет", mail.subject());
        assertEquals("Иван", mail.from().name());
        assertEquals("Привет, мир", mail.textBody().strip());
        assertEquals(List.of(), mail.problems());
    }

    @Test
    @DisplayName("MB-02 a declared KOI8-R charset decodes the body and the raw headers of the message")
    void koi8rDeclared() throws Exception {
        FetchedMail mail = parse(crlf("""
                Message-ID: <koi8@example.org>
                From: Иван <ivan@example.com>
                Subject: Привет
                Content-Type: text/plain; charset=koi8-r
                Content-Transfer-Encoding: 8bit

                Привет, мир
                """, Charset.forName("KOI8-R")));

        assertEquals("Привет", mail.subject());
        assertEquals("Иван", mail.from().name());
        assertEquals("Привет, мир", mail.textBody().strip());
        assertEquals(List.of(), mail.problems());
    }

    @Test
    @DisplayName("MB-02 the fallback charset is the caller's: KOI8-R mail without charset with KOI8-R as fallback")
    void callersFallback() throws Exception {
        byte[] raw = crlf("""
                Message-ID: <koi8-plain@example.org>
                From: bob@example.com
                Subject: Привет

                Привет, мир
                """, Charset.forName("KOI8-R"));

        FetchedMail mail = MailParser.parse(new ByteArrayInputStream(raw), 7, RECEIVED, raw.length, false,
                Charset.forName("KOI8-R"));

        assertEquals("Привет", mail.subject());
        assertEquals("Привет, мир", mail.textBody().strip());
    }

    @Test
    @DisplayName("MB-02 a charset Java does not know is read in the fallback charset and noted")
    void unknownCharset() throws Exception {
        byte[] raw = crlf("""
                Message-ID: <nocs@example.org>
                From: bob@example.com
                Subject: Odd charset
                Content-Type: text/plain; charset=x-no-such-charset

                Привет
                """, Charset.forName("windows-1251"));

        FetchedMail mail = parse(raw);

        assertEquals("Привет", mail.textBody().strip());
        assertEquals(List.of(new ReadProblem(ReadProblem.Kind.UNKNOWN_CHARSET, "x-no-such-charset")),
                mail.problems());
        assertArrayEquals(raw, mail.attachments().get(0).content());
    }

    @Test
    @DisplayName("MB-02 two look-alikes without Message-ID (same date, sender, subject and size) keep their own keys")
    void lookAlikesWithoutMessageId() throws Exception {
        String template = """
                From: noreply@bank.example
                Subject: Your code
                Date: Thu, 19 Nov 2026 10:15:00 +0000

                Your one-time code is %s
                """;
        byte[] first = crlf(template.formatted("4711"), StandardCharsets.UTF_8);
        byte[] second = crlf(template.formatted("0815"), StandardCharsets.UTF_8);
        assertEquals(first.length, second.length);

        FetchedMail one = parse(first);
        FetchedMail other = parse(second);
        FetchedMail oneAgain = parse(first.clone()); // the same message in another folder of the server

        assertTrue(one.dedupeKey().startsWith("sha256:"));
        assertNotEquals(one.dedupeKey(), other.dedupeKey());
        assertEquals(one.dedupeKey(), oneAgain.dedupeKey());
    }

    @Test
    @DisplayName("MB-02 sound messages have no problems and no original source attached")
    void soundMessageHasNoProblems() throws Exception {
        FetchedMail mail = parse("""
                Message-ID: <sound@example.org>
                From: bob@example.com
                Subject: =?UTF-8?B?0J/RgNC40LLQtdGC?=
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                =D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82, a long line with a soft =
                break
                --b
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: base64

                PHA+SGk8L3A+
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename=data.bin
                Content-Transfer-Encoding: base64

                AAEC
                /w==
                --b--
                """);

        assertEquals("Привет", mail.subject());
        assertEquals("Привет, a long line with a soft break", mail.textBody());
        assertEquals("<p>Hi</p>", mail.htmlBody());
        assertEquals(List.of(), mail.problems());
        assertEquals(List.of("data.bin"), mail.attachments().stream().map(FetchedMail.Attachment::fileName).toList());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, mail.attachments().get(0).content());
    }

    private static FetchedMail parse(String raw) throws Exception {
        return parse(crlf(raw, StandardCharsets.UTF_8));
    }

    /**
     * Parses in memory, and checks that the same message spooled to a file and parsed from there (issue 18 item 7),
     * with every non-empty file decoded into the spool, reads the same: every case here proves both ways.
     */
    private static FetchedMail parse(byte[] raw) throws Exception {
        FetchedMail inMemory = MailParser.parse(new ByteArrayInputStream(raw), 7, RECEIVED, raw.length, false);
        Path source = Files.createTempFile("message-", ".eml");
        try (MailSpool spool = new MailSpool(0)) {
            Files.write(source, raw);
            FetchedMail spooled = MailParser.parse(source, 7, RECEIVED, raw.length, false,
                    MailParser.DEFAULT_FALLBACK, spool);
            assertEquals(described(inMemory), described(spooled), "in memory and spooled");
            assertTrue(spooled.attachments().stream().allMatch(a -> a.sizeBytes() == 0 || a.spooled() != null),
                    "every non-empty file spooled");
        } finally {
            Files.deleteIfExists(source);
        }
        return inMemory;
    }

    /** Everything a parse gives, the files by their bytes. */
    private static List<Object> described(FetchedMail mail) throws Exception {
        List<Object> files = new ArrayList<>();
        for (FetchedMail.Attachment file : mail.attachments()) {
            try (InputStream in = file.open()) {
                files.add(List.of(file.fileName(), file.contentType(), String.valueOf(file.contentId()),
                        file.inline(), file.sizeBytes(), HexFormat.of().formatHex(in.readAllBytes())));
            }
        }
        return Arrays.asList(mail.uid(), mail.messageId(), mail.dedupeKey(), mail.threadKey(), mail.inReplyTo(),
                mail.subject(), mail.from(), mail.to(), mail.cc(), mail.bcc(), mail.sentAt(), mail.receivedAt(),
                mail.sizeBytes(), mail.seen(), mail.textBody(), mail.htmlBody(), mail.problems(), files);
    }

    /** A message as a server holds it: CRLF line ends, in the charset given (raw 8-bit headers included). */
    @Test
    @DisplayName("MB-02 issue 18 item 7: a spooled message's text body above the limit is not read into memory but "
            + "attached whole, with a note; the original source is not attached for that")
    void bodyTooLargeIsAttached() throws Exception {
        String line = "Quarterly figures, row after row of them, 0123456789.\n";
        String text = line.repeat((int) (1.5 * 1024 * 1024 / line.length()));
        byte[] raw = crlf("From: bob@example.org\nTo: anna@example.com\nSubject: Figures\n"
                + "Message-ID: <figures@example.org>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + text
                + "\n--b\nContent-Type: text/html; charset=UTF-8\n\n<p>See the text.</p>\n--b--\n",
                StandardCharsets.UTF_8);
        Path source = Files.createTempFile("message-", ".eml");
        try (MailSpool spool = new MailSpool(0)) {
            Files.write(source, raw);
            FetchedMail mail = MailParser.parse(source, 7, RECEIVED, raw.length, false, MailParser.DEFAULT_FALLBACK,
                    spool);

            assertNull(mail.textBody());
            assertEquals("<p>See the text.</p>", mail.htmlBody().strip());
            assertEquals(List.of(new ReadProblem(ReadProblem.Kind.BODY_TOO_LARGE, "body.txt")), mail.problems());
            assertEquals(List.of("body.txt"), mail.attachments().stream().map(FetchedMail.Attachment::fileName)
                    .toList(), "the body whole, and no original.eml");
            FetchedMail.Attachment body = mail.attachments().get(0);
            assertEquals("text/plain", body.contentType());
            try (InputStream in = body.open()) {
                assertEquals(text.replace("\n", "\r\n").strip(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(source);
        }
        FetchedMail inMemory = MailParser.parse(new ByteArrayInputStream(raw), 7, RECEIVED, raw.length, false);
        assertEquals(text.strip(), inMemory.textBody().replace("\r\n", "\n").strip(),
                "read into memory when the message is not spooled");
    }

    private static byte[] crlf(String raw, Charset charset) {
        return raw.replace("\n", "\r\n").getBytes(charset);
    }
}
