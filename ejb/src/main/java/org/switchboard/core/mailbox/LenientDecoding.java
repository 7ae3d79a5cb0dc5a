package org.switchboard.core.mailbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Undoes a MIME part's Content-Transfer-Encoding the way a mail client shows a damaged part (MB-02): base64 and
 * quoted-printable are decoded as far as they go, skipping what does not belong there; an encoding nobody knows
 * leaves the bytes as they were sent. It never throws: what was wrong comes back as the result's problem, so the
 * part is still shown and the message still stored. Jakarta Mail's own decoders throw instead, and the switches that
 * make them lenient ({@code mail.mime.base64.ignoreerrors}, {@code mail.mime.ignoreunknownencoding}) are JVM-wide
 * system properties, which an application sharing its server must not set.
 */
final class LenientDecoding {

    private static final int[] BASE64 = new int[128];

    static {
        Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
    }

    private LenientDecoding() {
    }

    /**
     * The bytes a part carries, and what was wrong with their encoding.
     *
     * @param problem {@code null} when the encoding was sound
     */
    record Decoded(byte[] bytes, ReadProblem.Kind problem) {
    }

    /** Decodes {@code raw} by the part's Content-Transfer-Encoding ({@code null} or blank: none). */
    static Decoded decode(byte[] raw, String encoding) {
        String name = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "7bit", "8bit", "binary" -> new Decoded(raw, null);
            case "base64" -> base64(raw);
            case "quoted-printable" -> quotedPrintable(raw);
            case "uuencode", "x-uuencode", "x-uue" -> uudecode(raw);
            default -> new Decoded(raw, ReadProblem.Kind.UNKNOWN_ENCODING);
        };
    }

    /**
     * Base64 (RFC 2045 6.8) as far as it goes: line breaks and blanks are skipped; any other character outside the
     * alphabet is skipped too, and marks the part damaged. A group cut short (missing padding, a truncated body) still
     * gives the whole bytes its characters carry; only the leftover bits that make no byte are dropped.
     */
    static Decoded base64(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 * 3 + 3);
        boolean damaged = false;
        int bits = 0;
        int sextets = 0;
        for (byte b : raw) {
            int c = b & 0xff;
            int value = c < BASE64.length ? BASE64[c] : -1;
            if (value >= 0) {
                bits = bits << 6 | value;
                if (++sextets == 4) {
                    out.write(bits >> 16);
                    out.write(bits >> 8);
                    out.write(bits);
                    bits = 0;
                    sextets = 0;
                }
            } else if (c == '=') {
                // Padding ends a group; encoded parts joined one after the other simply go on after it.
                damaged |= sextets == 1;
                writeShortGroup(out, bits, sextets);
                bits = 0;
                sextets = 0;
            } else if (!(c == '\r' || c == '\n' || c == ' ' || c == '\t')) {
                damaged = true;
            }
        }
        if (sextets > 0) {
            damaged = true;
            writeShortGroup(out, bits, sextets);
        }
        return new Decoded(out.toByteArray(), damaged ? ReadProblem.Kind.DAMAGED_ENCODING : null);
    }

    /** The whole bytes in a group of fewer than four characters: two give one byte, three give two. */
    private static void writeShortGroup(ByteArrayOutputStream out, int bits, int sextets) {
        if (sextets == 2) {
            out.write(bits >> 4);
        } else if (sextets == 3) {
            out.write(bits >> 10);
            out.write(bits >> 2);
        }
    }

    /**
     * Quoted-printable (RFC 2045 6.7) as far as it goes: {@code =XX} (either case) is a byte, {@code =} before a line
     * break (blanks allowed between) or at the very end is a soft line break, and blanks at the end of a line are
     * dropped as the transport's padding. An {@code =} that starts neither (as in {@code =ZZ}) is kept as it stands
     * and marks the part damaged. The end counts as a line break because in a multipart the CRLF before the boundary
     * belongs to the boundary, so a part whose text ends in a soft line break ends in a bare {@code =}.
     */
    static Decoded quotedPrintable(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        boolean damaged = false;
        int blanks = 0; // blanks held back until we know they do not end a line
        int blankStart = 0;
        for (int i = 0; i < raw.length; i++) {
            int c = raw[i] & 0xff;
            if (c == ' ' || c == '\t') {
                if (blanks++ == 0) {
                    blankStart = i;
                }
                continue;
            }
            if (c == '\r' || c == '\n') {
                blanks = 0;
                out.write(c);
                continue;
            }
            if (blanks > 0) {
                out.write(raw, blankStart, blanks);
                blanks = 0;
            }
            if (c != '=') {
                out.write(c);
                continue;
            }
            int high = i + 1 < raw.length ? hex(raw[i + 1]) : -1;
            int low = i + 2 < raw.length ? hex(raw[i + 2]) : -1;
            if (high >= 0 && low >= 0) {
                out.write(high << 4 | low);
                i += 2;
                continue;
            }
            int next = i + 1;
            while (next < raw.length && (raw[next] == ' ' || raw[next] == '\t')) {
                next++;
            }
            if (next == raw.length) {
                break; // a soft line break at the end
            }
            if (raw[next] == '\r' || raw[next] == '\n') {
                // a soft line break: the line break itself is not part of the text
                i = raw[next] == '\r' && next + 1 < raw.length && raw[next + 1] == '\n' ? next + 1 : next;
                continue;
            }
            damaged = true;
            out.write('=');
        }
        return new Decoded(out.toByteArray(), damaged ? ReadProblem.Kind.DAMAGED_ENCODING : null);
    }

    private static int hex(byte b) {
        return b >= 0 ? Character.digit(b, 16) : -1;
    }

    /** uuencode, which Jakarta Mail decodes: what it decoded before an error, or the part as sent when nothing. */
    private static Decoded uudecode(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(raw), "uuencode")) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
            return new Decoded(out.toByteArray(), null);
        } catch (IOException | MessagingException | RuntimeException e) {
            byte[] decoded = out.toByteArray();
            return new Decoded(decoded.length > 0 ? decoded : raw, ReadProblem.Kind.DAMAGED_ENCODING);
        }
    }
}
