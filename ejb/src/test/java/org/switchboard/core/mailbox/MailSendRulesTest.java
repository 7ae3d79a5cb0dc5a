package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.common.InvalidInputException;

/** MB-03 MB-11: the rules of a new e-mail, without a server. */
class MailSendRulesTest {

    @Test
    @DisplayName("MB-03 recipients: several per entry, separated by commas or semicolons, with names; repeats once")
    void addresses() {
        assertEquals(List.of("bob@example.org", "carl@example.org", "dora@example.org"),
                MailSendRules.addresses("to", List.of("Bob <bob@example.org>, carl@example.org",
                        "dora@example.org; bob@example.org", " ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "bob@", "@example.org", "bob@example", "bob@@example.org", "bob example@x.org",
            "<bob@example.org"})
    @DisplayName("MB-03 an entry that is not an RFC 5322 address is an error on its field")
    void invalidAddress(String entry) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MailSendRules.addresses("cc", List.of(entry)));
        assertEquals(List.of("validation.email.address", "cc"), List.of(e.getMessageKey(), e.getField()));
    }

    @Test
    @DisplayName("MB-03 an e-mail needs at least one recipient")
    void someRecipient() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MailSendRules.someRecipient(List.of(), List.of(), List.of()));
        assertEquals("to", e.getField());
        MailSendRules.someRecipient(List.of(), List.of(), List.of("x@example.org"));
    }

    @Test
    @DisplayName("MB-03 the HTML body loses scripts and handlers; plain text is escaped; the signature is appended")
    void htmlSanitizedAndSigned() {
        String html = MailSendRules.html("<p onclick=\"x()\">Hi <b>Bob</b></p><script>alert(1)</script>", null,
                "<p>Anna</p>");
        assertFalse(html.contains("script") || html.contains("onclick"), html);
        assertTrue(html.startsWith("<p>Hi <b>Bob</b></p>"), html);
        assertTrue(html.endsWith("<div>-- </div><p>Anna</p>"), html);
        assertEquals("<div>a &lt; b<br>c</div>", MailSendRules.html(null, "a < b\nc", null));
    }

    @Test
    @DisplayName("MB-03 the text alternative: blocks become lines, list items dashes, entities decoded")
    void textFromHtml() {
        assertEquals("Dear Bob,\n\nPrices:\n- A &amp; B\n- 5 < 7", MailSendRules.text(
                "<p>Dear Bob,</p><p></p><p>Prices:</p><ul><li>A &amp;amp; B</li><li>5 &lt; 7</li></ul>"));
    }

    @Test
    @DisplayName("MB-03 a reply's subject gets \"Re: \" once; References keep root, parent, original")
    void replyThreading() {
        assertEquals("Re: Offer 7", MailSendRules.replySubject("Offer 7"));
        assertEquals("RE: Offer 7", MailSendRules.replySubject("RE: Offer 7"));
        assertEquals(List.of("root@x", "parent@x", "orig@x"),
                MailSendRules.references("root@x", "parent@x", "orig@x"));
        assertEquals(List.of("orig@x"), MailSendRules.references("orig@x", null, "orig@x"));
        assertEquals(List.of("orig@x"), MailSendRules.references("sha256:ab", null, "orig@x"));
    }

    @Test
    @DisplayName("MB-03 files are limited to 20 MB together, with a clear error on the files field")
    void filesLimited() {
        byte[] eleven = new byte[11 * 1024 * 1024];
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MailSendRules.files(List.of(
                new EmailDraft.File("a.bin", null, eleven), new EmailDraft.File("b.bin", null, eleven))));
        assertEquals(List.of("validation.email.filesTooLarge", "files", List.of(20)),
                List.of(e.getMessageKey(), e.getField(), e.getArguments()));
        assertEquals("report.pdf", MailSendRules.files(List.of(new EmailDraft.File("C:\\tmp\\report.pdf",
                "application/pdf", new byte[1]))).get(0).fileName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Evil: 1.txt", "a\nb.txt", "a\rb.txt", "tab\there.txt", "nul\u0000.txt",
            "del\u007f.txt", "c1\u0085.txt", "sep\u2028.txt"})
    @DisplayName("MB-03 a file name with CR, LF or another control character is an error on that file's name")
    void fileNameControlCharacters(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MailSendRules.files(List.of(
                new EmailDraft.File("fine.txt", "text/plain", new byte[1]),
                new EmailDraft.File(name, "text/plain", new byte[1]))));
        assertEquals(List.of("validation.email.fileNameControl", "files[1].fileName"),
                List.of(e.getMessageKey(), e.getField()));
        assertFalse(e.getArguments().get(0).toString().chars().anyMatch(Character::isISOControl));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain\r\nX-Evil: 2", "text/plain\n", "text", "text/", "/plain", "text/plain; x",
            "text/plain; charset=\"utf-8", "text/пл", "text plain"})
    @DisplayName("MB-03 a content type with a control character or not of the form type/subtype is an error on that "
            + "file's content type")
    void contentTypeRefused(String type) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MailSendRules.files(List.of(
                new EmailDraft.File("a.txt", type, new byte[1]))));
        assertEquals(List.of("validation.email.contentType", "files[0].contentType"),
                List.of(e.getMessageKey(), e.getField()));
    }

    @Test
    @DisplayName("MB-03 valid names and types are kept (parameters allowed); none given is \"file\" and "
            + "application/octet-stream")
    void namesAndTypesKept() {
        List<EmailDraft.File> files = MailSendRules.files(java.util.Arrays.asList(
                new EmailDraft.File("Отчёт – 7.pdf", "application/pdf", new byte[1]), null,
                new EmailDraft.File(" notes.txt ", " text/plain; charset=UTF-8 ", new byte[1]),
                new EmailDraft.File(null, null, new byte[1])));
        assertEquals(List.of("Отчёт – 7.pdf", "application/pdf", "notes.txt", "text/plain; charset=UTF-8", "file",
                "application/octet-stream"), List.of(files.get(0).fileName(), files.get(0).contentType(),
                files.get(1).fileName(), files.get(1).contentType(), files.get(2).fileName(),
                files.get(2).contentType()));
    }

    @Test
    @DisplayName("MB-03 the subject is one line")
    void subjectOneLine() {
        assertEquals("Offer 7 final", MailSendRules.subject(" Offer 7\r\n final "));
    }
}
