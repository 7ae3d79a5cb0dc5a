package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;

/** MB-03 MB-11: the MIME message built for a send, read back as a mail client would. */
class MailComposerTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    /** Bytes whose Base64 has "+", "/" and "=" in it. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, (byte) 0xfb, (byte) 0xff, 3};

    private static OutgoingMail mail(String fromName, String html, List<OutgoingMail.File> files, String inReplyTo,
            List<String> references) {
        return new OutgoingMail("sales@acme.example", fromName, List.of("bob@example.org"),
                List.of("carl@example.org"), List.of("audit@example.org"), "Offer 7", html,
                MailSendRules.text(html), files, "abc-1@acme.example", inReplyTo, references,
                OffsetDateTime.parse("2026-11-25T18:30:00Z"));
    }

    /** The message as written to the wire and parsed again. */
    private static MimeMessage roundTrip(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    @DisplayName("MB-03 the alias is the From header's personal name; the Message-ID stays the stored one")
    void aliasIsPersonalName() throws Exception {
        MimeMessage message = roundTrip(MailComposer.build(SESSION, mail("Acme Sales – Анна", "<p>Hi</p>",
                List.of(), null, List.of())));

        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals(List.of("sales@acme.example", "Acme Sales – Анна"), List.of(from.getAddress(),
                from.getPersonal()));
        assertEquals("<abc-1@acme.example>", message.getMessageID());
        assertEquals("Offer 7", message.getSubject());
        assertEquals("bob@example.org", message.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("carl@example.org", message.getRecipients(Message.RecipientType.CC)[0].toString());
    }

    @Test
    @DisplayName("MB-03 without an alias the From header is the bare address")
    void noAlias() throws Exception {
        MimeMessage message = roundTrip(MailComposer.build(SESSION, mail(null, "<p>Hi</p>", List.of(), null,
                List.of())));

        assertNull(((InternetAddress) message.getFrom()[0]).getPersonal());
    }

    @Test
    @DisplayName("MB-11 a data: picture of the signature becomes an inline part referenced by Content-ID in a "
            + "multipart/related; the text alternative has the signature's words")
    void dataImagesBecomeCidParts() throws Exception {
        // Stored as the settings page stores it: through the policy, which writes "+" and "=" as entities.
        String signature = SignaturePolicy.sanitize("<p>Anna Smith</p><img src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(PNG) + "\" alt=\"logo\" />");
        assertTrue(signature.contains("&#"), signature);
        String html = MailSendRules.html("<p>Dear Bob</p>", null, signature);

        MimeMessage message = roundTrip(MailComposer.build(SESSION, mail(null, html, List.of(), null, List.of())));

        Multipart alternative = (Multipart) message.getContent();
        assertTrue(alternative.getContentType().startsWith("multipart/alternative"));
        assertEquals("Dear Bob\n\n-- \nAnna Smith", ((String) alternative.getBodyPart(0).getContent()).strip());
        Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
        assertTrue(related.getContentType().startsWith("multipart/related"), related.getContentType());
        String sentHtml = (String) related.getBodyPart(0).getContent();
        BodyPart image = related.getBodyPart(1);
        String contentId = ((MimeBodyPart) image).getContentID();
        assertTrue(sentHtml.contains("src=\"cid:" + contentId.substring(1, contentId.length() - 1) + "\""),
                sentHtml);
        assertFalse(sentHtml.contains("data:image"), sentHtml);
        assertTrue(image.isMimeType("image/png"));
        assertEquals(List.of("Dear Bob", "Anna Smith"), List.of(sentHtml.contains("Dear Bob") ? "Dear Bob" : "",
                sentHtml.contains("Anna Smith") ? "Anna Smith" : ""));
        assertEquals(java.util.HexFormat.of().formatHex(PNG),
                java.util.HexFormat.of().formatHex(((MimeBodyPart) image).getInputStream().readAllBytes()));
    }

    @Test
    @DisplayName("MB-03 a reply carries In-Reply-To and References; files are attachments beside the body")
    void replyHeadersAndFiles() throws Exception {
        MimeMessage message = roundTrip(MailComposer.build(SESSION, mail(null, "<p>Yes</p>",
                List.of(new OutgoingMail.File("Offer – 7.pdf", "application/pdf", "%PDF-1.4".getBytes())),
                "orig@example.org", List.of("root@example.org", "orig@example.org"))));

        assertEquals("<orig@example.org>", message.getHeader("In-Reply-To", null));
        assertEquals("<root@example.org> <orig@example.org>",
                message.getHeader("References", null).replaceAll("\\s+", " "));
        Multipart mixed = (Multipart) message.getContent();
        assertTrue(mixed.getContentType().startsWith("multipart/mixed"));
        BodyPart file = mixed.getBodyPart(1);
        assertEquals(List.of("Offer – 7.pdf", "attachment"), List.of(file.getFileName(), file.getDisposition()));
    }

    @Test
    @DisplayName("MB-03 a file name beyond ASCII is encoded per RFC 2231 in UTF-8, split when long, and reads back "
            + "as written")
    void fileNamesRfc2231() throws Exception {
        String longName = "Коммерческое предложение для ООО «Ромашка» на поставку оборудования, версия 7.pdf";
        MimeMessage built = MailComposer.build(SESSION, mail(null, "<p>Yes</p>", List.of(
                new OutgoingMail.File("Offer – 7.pdf", "application/pdf", "%PDF-1.4".getBytes()),
                new OutgoingMail.File(longName, "application/pdf; x-note=1", "%PDF-1.4".getBytes()),
                new OutgoingMail.File("plain name.txt", "text/plain", "hi".getBytes())), null, List.of()));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        built.writeTo(wire);
        String raw = wire.toString(java.nio.charset.StandardCharsets.US_ASCII);

        assertTrue(raw.contains("filename*=UTF-8''Offer%20%E2%80%93%207.pdf"), raw);
        assertTrue(raw.contains("name*=UTF-8''Offer%20%E2%80%93%207.pdf"), raw);
        assertTrue(raw.contains("filename*0*=UTF-8''"), raw);
        assertTrue(raw.contains("filename=\"plain name.txt\""), raw);
        assertFalse(raw.contains("=?UTF-8?"), raw);
        assertTrue(raw.lines().allMatch(line -> line.length() <= 78), raw);
        Multipart mixed = (Multipart) roundTrip(built).getContent();
        assertEquals(List.of("Offer – 7.pdf", longName, "plain name.txt"), List.of(
                mixed.getBodyPart(1).getFileName(), mixed.getBodyPart(2).getFileName(),
                mixed.getBodyPart(3).getFileName()));
        assertTrue(mixed.getBodyPart(2).isMimeType("application/pdf"));
        assertEquals("1", new jakarta.mail.internet.ContentType(mixed.getBodyPart(2).getContentType())
                .getParameter("x-note"));
        assertEquals(Part.ATTACHMENT, mixed.getBodyPart(3).getDisposition());
    }

    @Test
    @DisplayName("MB-03 a file name with a line break or a content type that does not parse cannot be built: a 400 "
            + "on that file's field before anything is stored, never a raw line break in the header block")
    void unbuildableFileRefused() {
        InvalidInputException name = assertThrows(InvalidInputException.class, () -> MailComposer.check(mail(null,
                "<p>x</p>", List.of(new OutgoingMail.File("a.txt", "text/plain", new byte[1]),
                        new OutgoingMail.File("a\r\nX-Evil: 1.txt", "text/plain", new byte[1])), null, List.of())));
        assertEquals(List.of("validation.email.unbuildable", "files[1].fileName"),
                List.of(name.getMessageKey(), name.getField()));
        InvalidInputException type = assertThrows(InvalidInputException.class, () -> MailComposer.check(mail(null,
                "<p>x</p>", List.of(new OutgoingMail.File("a.txt", "text/plain\r\nX-Evil: 2", new byte[1])), null,
                List.of())));
        assertEquals(List.of("validation.email.unbuildable", "files[0].contentType"),
                List.of(type.getMessageKey(), type.getField()));
        MailComposer.check(mail(null, "<p>x</p>", List.of(new OutgoingMail.File("a.txt", "text/plain",
                new byte[1])), null, List.of()));
    }

    @Test
    @DisplayName("MB-03 the Bcc recipients are not written to the message a recipient receives")
    void bccNotOnTheWire() throws Exception {
        MimeMessage built = MailComposer.build(SESSION, mail(null, "<p>Hi</p>", List.of(), null, List.of()));

        assertEquals(3, built.getAllRecipients().length);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        built.writeTo(bytes, new String[] {"Bcc"});
        assertFalse(bytes.toString().contains("audit@example.org"));
    }
}
