package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MB-02: transfer encodings undone as far as they go, never with an exception, naming what was wrong. */
class LenientDecodingTest {

    @Test
    @DisplayName("MB-02 sound base64, split over lines and joined after padding, decodes without a problem")
    void soundBase64() {
        assertDecoded("Hello world", null, LenientDecoding.decode(ascii("SGVsbG8g\r\nd29ybGQ=\r\n"), "base64"));
        assertDecoded("HiHi", null, LenientDecoding.decode(ascii("SGk=SGk="), "BASE64"));
        assertDecoded("Hi!", null, LenientDecoding.decode(ascii("SGkh"), " base64 "));
    }

    @Test
    @DisplayName("MB-02 a large base64 file, two encodings joined after padding, decodes byte for byte, whole or "
            + "streamed chunk by chunk")
    void largeBase64() throws Exception {
        Random random = new Random(7);
        byte[] first = new byte[100_001];
        byte[] second = new byte[70_000];
        random.nextBytes(first);
        random.nextBytes(second);
        byte[] raw = (Base64.getMimeEncoder().encodeToString(first) + "\r\n"
                + Base64.getMimeEncoder().encodeToString(second)).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first);
        expected.write(second);

        LenientDecoding.Decoded whole = LenientDecoding.decode(raw, "base64");
        assertArrayEquals(expected.toByteArray(), whole.bytes());
        assertNull(whole.problem());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        assertNull(LenientDecoding.decode(() -> new ByteArrayInputStream(raw), "base64", streamed));
        assertArrayEquals(expected.toByteArray(), streamed.toByteArray());
    }

    @Test
    @DisplayName("MB-02 truncated base64 keeps the bytes its last group carries and is damaged")
    void truncatedBase64() {
        assertDecoded("Hello world", ReadProblem.Kind.DAMAGED_ENCODING,
                LenientDecoding.decode(ascii("SGVsbG8gd29y\r\nbGQ"), "base64"));
        assertDecoded("Hello wor", ReadProblem.Kind.DAMAGED_ENCODING,
                LenientDecoding.decode(ascii("SGVsbG8gd29yb"), "base64"));
        assertDecoded("Hi", ReadProblem.Kind.DAMAGED_ENCODING, LenientDecoding.decode(ascii("SGk"), "base64"));
    }

    @Test
    @DisplayName("MB-02 characters outside the base64 alphabet are skipped and mark the part damaged")
    void illegalBase64Characters() {
        assertDecoded("Hello world", ReadProblem.Kind.DAMAGED_ENCODING,
                LenientDecoding.decode(ascii("SGVs*bG8g\u00a7d29y!bGQ="), "base64"));
        assertDecoded("", ReadProblem.Kind.DAMAGED_ENCODING, LenientDecoding.decode(ascii("S="), "base64"));
    }

    @Test
    @DisplayName("MB-02 quoted-printable: escapes in either case, soft breaks, transport padding")
    void soundQuotedPrintable() {
        assertDecoded("Café = 5\r\nlong line joined", null, LenientDecoding.decode(
                ascii("Caf=C3=A9 =3d 5   \r\nlong line =  \r\njoined="), "quoted-printable"));
        assertDecoded("ab\nc", null, LenientDecoding.decode(ascii("a=\nb\nc"), "quoted-printable"));
    }

    @Test
    @DisplayName("MB-02 an = that escapes nothing is shown as sent and marks the part damaged")
    void damagedQuotedPrintable() {
        assertDecoded("price =ZZ, =4", ReadProblem.Kind.DAMAGED_ENCODING,
                LenientDecoding.decode(ascii("price =ZZ, =4"), "quoted-printable"));
        assertDecoded("a = b", ReadProblem.Kind.DAMAGED_ENCODING,
                LenientDecoding.decode(ascii("a = b"), "quoted-printable"));
    }

    @Test
    @DisplayName("MB-02 7bit, 8bit, binary and no encoding pass the bytes; an unknown encoding passes them and says so")
    void identityAndUnknown() {
        byte[] raw = {'a', (byte) 0xd0, (byte) 0x9f, '=', '4', '1'};
        for (String encoding : new String[] {null, "", "7bit", "8BIT", "binary"}) {
            LenientDecoding.Decoded decoded = LenientDecoding.decode(raw, encoding);
            assertArrayEquals(raw, decoded.bytes());
            assertNull(decoded.problem());
        }
        LenientDecoding.Decoded unknown = LenientDecoding.decode(raw, "x-foo");
        assertArrayEquals(raw, unknown.bytes());
        assertEquals(ReadProblem.Kind.UNKNOWN_ENCODING, unknown.problem());
    }

    @Test
    @DisplayName("MB-02 uuencode decodes as Jakarta Mail does; a broken one is shown as sent and damaged")
    void uuencode() {
        assertDecoded("abc", null,
                LenientDecoding.decode(ascii("begin 644 x.txt\r\n#86)C\r\n`\r\nend\r\n"), "x-uuencode"));
        LenientDecoding.Decoded broken = LenientDecoding.decode(ascii("no begin line"), "uuencode");
        assertEquals(ReadProblem.Kind.DAMAGED_ENCODING, broken.problem());
        assertArrayEquals(ascii("no begin line"), broken.bytes());
    }

    @Test
    @DisplayName("MB-02 issue 18 item 7: decoding a large part as a stream, a chunk at a time, gives the same bytes "
            + "and the same verdict as decoding it whole")
    void streamedAsWhole() throws Exception {
        java.util.Random random = new java.util.Random(7);
        byte[] binary = new byte[300_000];
        random.nextBytes(binary);
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(binary);
        StringBuilder text = new StringBuilder();
        while (text.length() < 400_000) {
            // Soft line breaks, escapes of either case, trailing blanks, CR-only and LF-only lines.
            text.append("Caf=C3=A9 au lait =3d 5 \t \r\nlong line =\r\njoined=20\nwith =e2=82=ac=\r\n");
            text.append("A".repeat(random.nextInt(200))).append(" =ZZ damaged\r\n");
        }
        String oneLongLine = "x=3D".repeat(70_000) + "   ";
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("base64", ascii(base64));
        cases.put("base64 damaged", ascii(base64.substring(0, 200_001) + "*!" + base64.substring(200_001, 380_003)));
        cases.put("quoted-printable", ascii(text.toString()));
        cases.put("quoted-printable one line", ascii(oneLongLine + "=\r\n" + oneLongLine));
        cases.put("8bit", binary);
        cases.put("x-unknown", binary);
        cases.put("uuencode broken", ascii("no begin line " + base64.substring(0, 100_000)));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            String encoding = c.getKey().split(" ")[0];
            LenientDecoding.Decoded whole = LenientDecoding.decode(c.getValue(), encoding);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ReadProblem.Kind problem = LenientDecoding.decode(() -> new java.io.ByteArrayInputStream(c.getValue()),
                    encoding, out);
            assertEquals(whole.problem(), problem, c.getKey());
            assertArrayEquals(whole.bytes(), out.toByteArray(), c.getKey());
        }
        assertArrayEquals(binary, LenientDecoding.decode(ascii(base64), "base64").bytes());
    }

    private static void assertDecoded(String text, ReadProblem.Kind problem, LenientDecoding.Decoded decoded) {
        assertEquals(text, new String(decoded.bytes(), StandardCharsets.UTF_8));
        assertEquals(problem, decoded.problem());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
