package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 18: a file served inline keeps its claimed type only when its bytes are of that format. */
class FileSignaturesTest {

    private static final byte[] HTML = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);

    @Test
    @DisplayName("X-02 issue 18: the formats' own signatures are recognised under their types")
    void signatures() {
        assertTrue(FileSignatures.matches("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0}));
        assertTrue(FileSignatures.matches("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}));
        assertTrue(FileSignatures.matches("application/pdf; charset=binary", ascii("%PDF-1.7")));
        assertTrue(FileSignatures.matches("audio/mpeg", ascii("ID3\u0004")));
        assertTrue(FileSignatures.matches("audio/mpeg", new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0}));
        assertTrue(FileSignatures.matches("audio/wav", ascii("RIFF\0\0\0\0WAVEfmt ")));
        assertTrue(FileSignatures.matches("audio/ogg", ascii("OggS\0")));
        assertTrue(FileSignatures.matches("video/mp4", ascii("\0\0\0\u0018ftypmp42")));
        assertTrue(FileSignatures.matches("Image/PNG", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
    }

    @Test
    @DisplayName("X-02 issue 18: a page named as an image, a sound or a PDF is served as bytes, never under that type")
    void disguisedContentServedAsBytes() {
        for (String type : new String[] {"image/png", "image/jpeg", "audio/mpeg", "audio/wav", "application/pdf"}) {
            assertFalse(FileSignatures.matches(type, HTML), type);
            assertEquals("application/octet-stream", FileSignatures.servedType(type, HTML), type);
        }
        assertFalse(FileSignatures.matches("audio/wav", ascii("RIFF\0\0\0\0WEBP")), "a WebP is not a WAVE");
        assertEquals("application/octet-stream", FileSignatures.servedType("text/html", HTML), "unknown type");
        assertEquals("application/octet-stream", FileSignatures.servedType(null, new byte[0]));
        assertEquals("application/pdf", FileSignatures.servedType("application/pdf", ascii("%PDF-1.4")));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
