package org.switchboard.core.mailbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
        Base64 state = new Base64();
        state.feed(raw, 0, raw.length, out);
        ReadProblem.Kind problem = state.finish(out);
        return new Decoded(out.toByteArray(), problem);
    }

    /** {@link #base64(byte[])} fed piece by piece: the same bytes and the same verdict, whatever the pieces. */
    private static final class Base64 {
        /** The most bytes decoded before they are written out. */
        private static final int BLOCK = 8192;
        private boolean damaged;
        private int bits;
        private int sextets;

        void feed(byte[] raw, int offset, int length, OutputStream out) {
            // Decoded into a local buffer written in blocks: a byte at a time, ByteArrayOutputStream locks per byte.
            byte[] block = new byte[Math.min(BLOCK, length / 4 * 3 + 3)];
            int filled = 0;
            try {
                for (int i = offset; i < offset + length; i++) {
                    int c = raw[i] & 0xff;
                    int value = c < BASE64.length ? BASE64[c] : -1;
                    if (value >= 0) {
                        bits = bits << 6 | value;
                        if (++sextets == 4) {
                            if (filled > block.length - 3) {
                                out.write(block, 0, filled);
                                filled = 0;
                            }
                            block[filled++] = (byte) (bits >> 16);
                            block[filled++] = (byte) (bits >> 8);
                            block[filled++] = (byte) bits;
                            bits = 0;
                            sextets = 0;
                        }
                    } else if (c == '=') {
                        // Padding ends a group; encoded parts joined one after the other simply go on after it.
                        damaged |= sextets == 1;
                        out.write(block, 0, filled);
                        filled = 0;
                        writeShortGroup(out, bits, sextets);
                        bits = 0;
                        sextets = 0;
                    } else if (!(c == '\r' || c == '\n' || c == ' ' || c == '\t')) {
                        damaged = true;
                    }
                }
                out.write(block, 0, filled);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        ReadProblem.Kind finish(OutputStream out) {
            if (sextets > 0) {
                damaged = true;
                writeShortGroup(out, bits, sextets);
            }
            return damaged ? ReadProblem.Kind.DAMAGED_ENCODING : null;
        }
    }

    /** The whole bytes in a group of fewer than four characters: two give one byte, three give two. */
    private static void writeShortGroup(OutputStream out, int bits, int sextets) {
        try {
            if (sextets == 2) {
                out.write(bits >> 4);
            } else if (sextets == 3) {
                out.write(bits >> 10);
                out.write(bits >> 2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** Reads the raw bytes of a part again, from their start; for a decoding that must fall back to them. */
    @FunctionalInterface
    interface RawSource {
        InputStream open() throws IOException;
    }

    /** How many raw bytes {@link #decode(RawSource, String, OutputStream)} reads at a time. */
    static final int CHUNK = 64 * 1024;

    /**
     * {@link #decode(byte[], String)} for a part too large to hold (issue 18 item 7): the decoded bytes are written to
     * {@code out} as the raw ones are read, a chunk at a time, and come out the same; what was wrong is returned.
     *
     * @throws IOException only when the raw bytes cannot be read or the decoded ones cannot be written
     */
    static ReadProblem.Kind decode(RawSource raw, String encoding, OutputStream out) throws IOException {
        String name = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        try (InputStream in = raw.open()) {
            switch (name) {
                case "", "7bit", "8bit", "binary" -> {
                    in.transferTo(out);
                    return null;
                }
                case "base64" -> {
                    Base64 state = new Base64();
                    byte[] buffer = new byte[CHUNK];
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        state.feed(buffer, 0, n, out);
                    }
                    return state.finish(out);
                }
                case "quoted-printable" -> {
                    return quotedPrintable(in, out);
                }
                case "uuencode", "x-uuencode", "x-uue" -> {
                    return uudecode(in, raw, out);
                }
                default -> {
                    in.transferTo(out);
                    return ReadProblem.Kind.UNKNOWN_ENCODING;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Quoted-printable a line at a time: {@link #quotedPrintable(byte[])} looks no further than the end of the line
     * it is in, so lines decoded one after the other give what the whole would. A line longer than {@link #CHUNK}
     * (no real text has one) is cut where no escape, soft line break or trailing blank can be split.
     */
    private static ReadProblem.Kind quotedPrintable(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[2 * CHUNK];
        int held = 0;
        boolean damaged = false;
        int n;
        while ((n = in.read(buffer, held, buffer.length - held)) != -1) {
            held += n;
            int cut = lastLineEnd(buffer, held);
            if (cut == 0 && held == buffer.length) {
                cut = safeCut(buffer, held);
            }
            if (cut > 0) {
                Decoded lines = quotedPrintable(Arrays.copyOf(buffer, cut));
                out.write(lines.bytes());
                damaged |= lines.problem() != null;
                System.arraycopy(buffer, cut, buffer, 0, held - cut);
                held -= cut;
            }
        }
        Decoded rest = quotedPrintable(Arrays.copyOf(buffer, held));
        out.write(rest.bytes());
        damaged |= rest.problem() != null;
        return damaged ? ReadProblem.Kind.DAMAGED_ENCODING : null;
    }

    /** Just after the last LF of the first {@code length} bytes; 0 when there is none. */
    private static int lastLineEnd(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** A cut in a line with no LF: before its last blanks and any {@code =} among its last three bytes. */
    private static int safeCut(byte[] bytes, int length) {
        int cut = length;
        while (cut > 0 && (bytes[cut - 1] == ' ' || bytes[cut - 1] == '\t' || bytes[cut - 1] == '\r')) {
            cut--;
        }
        for (int i = Math.max(0, cut - 3); i < cut; i++) {
            if (bytes[i] == '=') {
                cut = i;
                break;
            }
        }
        while (cut > 0 && (bytes[cut - 1] == ' ' || bytes[cut - 1] == '\t')) {
            cut--;
        }
        return cut;
    }

    /** uuencode streamed: what was decoded before an error, or the part as sent when nothing was. */
    private static ReadProblem.Kind uudecode(InputStream in, RawSource raw, OutputStream out) throws IOException {
        long written = 0;
        try (InputStream decoded = MimeUtility.decode(in, "uuencode")) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = decoded.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                written += n;
            }
            return null;
        } catch (IOException | MessagingException | RuntimeException e) {
            if (written == 0) {
                try (InputStream again = raw.open()) {
                    again.transferTo(out);
                }
            }
            return ReadProblem.Kind.DAMAGED_ENCODING;
        }
    }

    /** uuencode, which Jakarta Mail decodes: what it decoded before an error, or the part as sent when nothing. */
    private static Decoded uudecode(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        try {
            ReadProblem.Kind problem = uudecode(new ByteArrayInputStream(raw), () -> new ByteArrayInputStream(raw),
                    out);
            return new Decoded(out.toByteArray(), problem);
        } catch (IOException e) {
            throw new UncheckedIOException("in memory", e);
        }
    }
}
