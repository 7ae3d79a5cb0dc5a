package org.switchboard.core.channel.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.channel.ChannelFile;

/** WA-03 {@link WhatsAppFileRules} and the Twilio error meanings of {@link TwilioErrors}. */
class TwilioFileRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a.jpg", "a.JPEG", "a.png", "a.mp3", "a.ogg", "a.amr", "a.PDF", "a.mp4"})
    @DisplayName("WA-03 the allowed types pass, whatever the case of the extension")
    void allowed(String name) {
        assertNull(WhatsAppFileRules.problem(name, "application/octet-stream", 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.exe", "a.docx", "a.gif", "a.webp", "a.jpg.zip", "noextension", "a."})
    @DisplayName("WA-03 other types are refused with a message naming the allowed ones")
    void refused(String name) {
        assertEquals("\"" + name + "\" cannot be sent by WhatsApp: only images (jpg, jpeg, png), audio (mp3, ogg, "
                + "amr), documents (pdf) and video (mp4) are allowed.", WhatsAppFileRules.problem(name, null, 10));
    }

    @Test
    @DisplayName("WA-03 a name without extension falls back to the content type")
    void contentTypeFallback() {
        assertNull(WhatsAppFileRules.problem("scan", "application/pdf", 10));
        assertNull(WhatsAppFileRules.problem("voice", "audio/ogg; codecs=opus", 10));
    }

    @Test
    @DisplayName("WA-03 16 MB pass, one byte more is refused")
    void size() {
        assertEquals(16 * 1024 * 1024, WhatsAppFileRules.MAX_BYTES);
        assertNull(WhatsAppFileRules.problem("a.pdf", "application/pdf", WhatsAppFileRules.MAX_BYTES));
        assertEquals("\"a.pdf\" is 16.0 MB; WhatsApp takes files of at most 16 MB.",
                WhatsAppFileRules.problem("a.pdf", "application/pdf", WhatsAppFileRules.MAX_BYTES + 1));
        assertEquals("\"film.mp4\" is 20.0 MB; WhatsApp takes files of at most 16 MB.",
                WhatsAppFileRules.problem("film.mp4", "video/mp4", 20L * 1024 * 1024));
    }

    @Test
    @DisplayName("WA-02 a downloaded file's extension follows its content type")
    void extensions() {
        assertEquals("jpg", ChannelFile.extensionFor("image/jpeg"));
        assertEquals("ogg", ChannelFile.extensionFor("audio/ogg; codecs=opus"));
        assertEquals("pdf", ChannelFile.extensionFor("Application/PDF"));
        assertNull(ChannelFile.extensionFor("application/x-unknown"));
        assertNull(ChannelFile.extensionFor(null));
    }

    @Test
    @DisplayName("CH-12 permanent Twilio errors are explained to operators")
    void errors() {
        assertEquals("Twilio error 63016: the 24-hour window to answer this customer has closed; only an approved "
                + "template can be sent now", TwilioErrors.describe(63016, "fallback"));
        assertTrue(TwilioErrors.describe(63003, "fallback").startsWith("Twilio error 63003: the recipient cannot"));
        assertTrue(TwilioErrors.describe(63024, "fallback").startsWith("Twilio error 63024: "));
        assertTrue(TwilioErrors.describe(21211, "fallback").startsWith("Twilio error 21211: "));
        assertTrue(TwilioErrors.describe(21610, "fallback").contains("opted out"));
        assertTrue(TwilioErrors.describe(63018, "fallback").contains("rate limit"));
        assertTrue(TwilioErrors.describe(30008, "fallback").contains("unknown"));
        assertEquals("Some error (Twilio error 12345)",
                TwilioErrors.describe(12345, "Some error (Twilio error 12345)"));
    }
}
