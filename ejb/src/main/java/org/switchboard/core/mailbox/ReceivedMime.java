package org.switchboard.core.mailbox;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jakarta Mail's MIME classes as {@link MailParser} reads a received message with them (MB-02). Every header block,
 * the message's and each body part's, is read from its raw bytes: a line that is valid UTF-8 as UTF-8 (RFC 6532
 * allows raw UTF-8 headers), any other line with 8-bit bytes in the charset its part declares, else in the fallback
 * charset. On its own, Jakarta Mail reads header bytes as ISO-8859-1, which garbles raw UTF-8 (mojibake such as
 * {@code Ð\x9fÑ\x80Ð¸Ð²ÐµÑ\x82} for «Привет»); its Session property {@code mail.mime.allowutf8} reads every line as
 * UTF-8, which turns other 8-bit bytes into U+FFFD for good; and the JVM-wide system property of that name must not
 * be set by an application that shares its server. So each line is turned into UTF-8 here and handed to Jakarta
 * Mail's own header parser in its UTF-8 mode.
 *
 * <p>Multiparts are split by Jakarta Mail's parser, with its lenient defaults fixed on the instance rather than read
 * from JVM-wide system properties.
 */
final class ReceivedMime {

    private ReceivedMime() {
    }

    /** A received message, parsed from its raw bytes, that stays bound to them (its content is not copied). */
    static final class Message extends MimeMessage {

        private final Charset fallback;

        Message(Session session, byte[] source, Charset fallback) throws MessagingException {
            this(session, new SharedByteArrayInputStream(source), fallback);
        }

        /**
         * Parsed from a shared stream (a {@code SharedFileInputStream} over a spooled message, issue 18 item 7): the
         * body and each part stay ranges of the file, read when asked for.
         */
        Message(Session session, SharedInputStream source, Charset fallback) throws MessagingException {
            super(session);
            this.fallback = fallback;
            parse((InputStream) source);
            saved = true;
        }

        @Override
        protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
            return headers(in, fallback);
        }
    }

    /**
     * A multipart's parts, parsed from its (transfer-decoded) bytes when first asked for; a structure that cannot be
     * parsed (a boundary that never appears) throws a {@link MessagingException} then.
     */
    static final class Multipart extends MimeMultipart {

        private final Charset fallback;

        Multipart(byte[] content, String contentType, Charset fallback) throws MessagingException {
            this(() -> new SharedByteArrayInputStream(content), contentType, fallback);
        }

        /** Parsed from bytes opened as a shared stream each time: its parts stay ranges of it, not copies. */
        Multipart(LenientDecoding.RawSource bytes, String contentType, Charset fallback) throws MessagingException {
            super(new Source(bytes, contentType));
            this.fallback = fallback;
        }

        /** Jakarta Mail's defaults, whatever the server's system properties say. */
        @Override
        protected void initializeProperties() {
            ignoreMissingEndBoundary = true;
            ignoreMissingBoundaryParameter = true;
            ignoreExistingBoundaryParameter = false;
            allowEmpty = false;
        }

        @Override
        protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
            return headers(in, fallback);
        }

        @Override
        protected MimeBodyPart createMimeBodyPart(InputStream in) throws MessagingException {
            return new Part(in, fallback);
        }
    }

    /** A body part whose headers are read as the message's are. */
    private static final class Part extends MimeBodyPart {

        Part(InputStream in, Charset fallback) throws MessagingException {
            headers = headers(in, fallback);
            if (in instanceof SharedInputStream shared) {
                contentStream = shared.newStream(shared.getPosition(), -1);
            } else {
                try {
                    content = in.readAllBytes();
                } catch (IOException e) {
                    throw new MessagingException("Error in input stream", e);
                }
            }
        }
    }

    /** A multipart's bytes as Jakarta Mail's parser reads them, shared rather than copied for each part. */
    private record Source(LenientDecoding.RawSource bytes, String contentType) implements DataSource {

        @Override
        public InputStream getInputStream() throws IOException {
            return bytes.open();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "";
        }
    }

    /**
     * Reads a header block up to and including the blank line that ends it, leaving {@code in} at the start of the
     * body, and parses it with every line decoded as described above.
     */
    static InternetHeaders headers(InputStream in, Charset fallback) throws MessagingException {
        List<byte[]> lines = new ArrayList<>();
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int c;
            while ((c = in.read()) != -1) {
                if (c != '\n') {
                    line.write(c);
                    continue;
                }
                byte[] bytes = withoutTrailingCr(line.toByteArray());
                line.reset();
                if (bytes.length == 0) {
                    break;
                }
                lines.add(bytes);
            }
            if (c == -1 && line.size() > 0) {
                lines.add(withoutTrailingCr(line.toByteArray()));
            }
        } catch (IOException e) {
            throw new MessagingException("Error in input stream", e);
        }
        Charset charset = null;
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            if (!isAscii(line) && utf8(line) == null) {
                if (charset == null) {
                    charset = headerCharset(lines, fallback);
                }
                line = new String(line, charset).getBytes(StandardCharsets.UTF_8);
            }
            utf8.writeBytes(line);
            utf8.writeBytes(new byte[] {'\r', '\n'});
        }
        utf8.writeBytes(new byte[] {'\r', '\n'});
        return new InternetHeaders(new ByteArrayInputStream(utf8.toByteArray()), true);
    }

    private static byte[] withoutTrailingCr(byte[] line) {
        int end = line.length;
        while (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        return end == line.length ? line : Arrays.copyOf(line, end);
    }

    /** The charset the block's Content-Type declares for its part, when Java knows it; else the fallback. */
    private static Charset headerCharset(List<byte[]> lines, Charset fallback) {
        ByteArrayOutputStream ascii = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            ascii.writeBytes(line);
            ascii.writeBytes(new byte[] {'\r', '\n'});
        }
        ascii.writeBytes(new byte[] {'\r', '\n'});
        try {
            String type = new InternetHeaders(new ByteArrayInputStream(ascii.toByteArray()), false)
                    .getHeader("Content-Type", null);
            Charset declared = type == null ? null : charset(new ContentType(type).getParameter("charset"));
            return declared == null || declared.equals(StandardCharsets.UTF_8)
                    || declared.equals(StandardCharsets.US_ASCII) ? fallback : declared;
        } catch (MessagingException | RuntimeException e) {
            return fallback;
        }
    }

    /** The Java charset of a MIME charset name; {@code null} when none is given or Java does not know it. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name.strip()));
        } catch (IllegalArgumentException e) {
            return null; // illegal or unsupported
        }
    }

    /** Text of bytes whose charset is not known for sure: UTF-8 when they are valid UTF-8, else {@code charset}. */
    static String text(byte[] bytes, Charset charset) {
        String utf8 = isAscii(bytes) ? new String(bytes, StandardCharsets.US_ASCII) : utf8(bytes);
        return utf8 != null ? utf8 : new String(bytes, charset);
    }

    /** The bytes as UTF-8; {@code null} when they are not valid UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
