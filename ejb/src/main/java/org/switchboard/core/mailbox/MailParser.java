package org.switchboard.core.mailbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedFileInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message's raw RFC 5322 bytes into a {@link FetchedMail} (MB-02): decoded headers and addresses, the text
 * and HTML bodies (the alternatives of one message, or its text parts joined), attachments and inline images with
 * their Content-ID, and the keys that thread and deduplicate it. Lenient on purpose, as a mail client is: a malformed
 * address, an unknown charset, a damaged or unknown transfer encoding or a multipart whose parts cannot be found never
 * loses the rest of the message, and never throws. What could not be read as sent is listed in
 * {@link FetchedMail#problems()}, and such a message carries its original source as {@value #ORIGINAL_NAME}.
 *
 * <p>Charsets: raw 8-bit header bytes (RFC 6532) and 8-bit text that declares no charset are read as UTF-8 when they
 * are valid UTF-8, else in the declared charset or the fallback charset (windows-1251 unless the caller gives
 * another; KOI8-R is the other one common in Russian mail). See {@link ReceivedMime} and {@link LenientDecoding}.
 */
public final class MailParser {

    /** The fallback charset of {@link #parse(InputStream, long, Date, long, boolean)}. */
    public static final Charset DEFAULT_FALLBACK = Charset.forName("windows-1251");
    /** The file name of the original source attached to a message that had problems. */
    public static final String ORIGINAL_NAME = "original.eml";

    private static final Logger LOG = Logger.getLogger(MailParser.class.getName());
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Session SESSION = session();
    /** Multiparts nested deeper than this are not read part by part (real mail nests a handful). */
    static final int MAX_DEPTH = 50;

    private MailParser() {
    }

    /**
     * Parses a message read from a folder: its UID, the server's received time and whether it is read; 8-bit text
     * that is not UTF-8 and declares no charset is read as windows-1251.
     */
    public static FetchedMail parse(InputStream raw, long uid, Date internalDate, long sizeBytes, boolean seen)
            throws MessagingException, IOException {
        return parse(raw, uid, internalDate, sizeBytes, seen, DEFAULT_FALLBACK);
    }

    /**
     * Parses a message read from a folder, reading 8-bit text that is not UTF-8 and declares no charset (or one Java
     * does not know) in {@code fallback}.
     *
     * @throws IOException only when {@code raw} cannot be read; a malformed message never throws
     */
    public static FetchedMail parse(InputStream raw, long uid, Date internalDate, long sizeBytes, boolean seen,
            Charset fallback) throws MessagingException, IOException {
        byte[] source = raw.readAllBytes();
        MimeMessage message = new ReceivedMime.Message(SESSION, source, fallback);
        return parse(message, uid, internalDate, sizeBytes, seen, new Reading(fallback, null),
                () -> new FetchedMail.Attachment(ORIGINAL_NAME, "message/rfc822", null, false, source));
    }

    /**
     * Parses a message spooled to a file because it is large (issue 18 item 7), without reading it into memory:
     * the message and its parts stay ranges of the file, and each attachment larger than the spool's threshold is
     * decoded into a file of the spool; a text or HTML body is read into memory up to that threshold (at least 1 MB)
     * and attached as a file above it. When the message has problems, its original source is the spooled file.
     *
     * @throws IOException only when the file cannot be read or a part's file written; a malformed message never
     *     throws
     */
    static FetchedMail parse(Path source, long uid, Date internalDate, long sizeBytes, boolean seen, Charset fallback,
            MailSpool spool) throws MessagingException, IOException {
        try (SharedFileInputStream in = new SharedFileInputStream(source.toFile())) {
            MimeMessage message = new ReceivedMime.Message(SESSION, in, fallback);
            return parse(message, uid, internalDate, sizeBytes, seen, new Reading(fallback, spool),
                    () -> FetchedMail.Attachment.spooled(ORIGINAL_NAME, "message/rfc822", null, false, source));
        }
    }

    /** The message's original source, attached when it had problems. */
    @FunctionalInterface
    private interface Original {
        FetchedMail.Attachment attachment() throws IOException;
    }

    private static FetchedMail parse(MimeMessage message, long uid, Date internalDate, long sizeBytes, boolean seen,
            Reading reading, Original original) throws MessagingException, IOException {
        String messageId = firstId(message.getHeader("Message-ID", null));
        String inReplyTo = firstId(message.getHeader("In-Reply-To", null));
        List<String> references = ids(message.getHeader("References", " "));
        String subject = decodedSubject(message);
        FetchedMail.Address from = first(addresses(message, "From"));
        OffsetDateTime sentAt = utc(sentDate(message));
        OffsetDateTime receivedAt = internalDate != null ? utc(internalDate) : sentAt;
        String dedupeKey = messageId != null ? messageId : digest(sentAt, from, subject, message);
        String threadKey = !references.isEmpty() ? references.get(0) : inReplyTo != null ? inReplyTo : dedupeKey;
        reading.walk(message);
        if (reading.failure != null) {
            throw reading.failure;
        }
        if (reading.problems.stream().anyMatch(problem -> problem.kind() != ReadProblem.Kind.BODY_TOO_LARGE)) {
            reading.attachments.add(original.attachment());
        }
        return new FetchedMail(uid, messageId, dedupeKey, threadKey, inReplyTo, subject, from,
                addresses(message, "To"), addresses(message, "Cc"), addresses(message, "Bcc"), sentAt, receivedAt,
                sizeBytes, seen, reading.text(), reading.html(), reading.attachments, reading.problems);
    }

    private static Session session() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        return Session.getInstance(properties);
    }

    /** What has been read of one message so far: its bodies, files and problems. */
    private static final class Reading {
        private final Charset fallback;
        /** Where large parts go; {@code null} for a message read into memory, whose parts are all small. */
        private final MailSpool spool;
        /** The spool could not be written: the message cannot be stored whole now, and is read again later. */
        private IOException failure;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder html = new StringBuilder();
        private final List<FetchedMail.Attachment> attachments = new ArrayList<>();
        private final List<ReadProblem> problems = new ArrayList<>();
        private int depth;

        Reading(Charset fallback, MailSpool spool) {
            this.fallback = fallback;
            this.spool = spool;
        }

        String text() {
            return text.isEmpty() ? null : text.toString();
        }

        String html() {
            return html.isEmpty() ? null : html.toString();
        }

        void problem(ReadProblem.Kind kind, String where) {
            ReadProblem problem = new ReadProblem(kind, where);
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }

        /** Reads a part and what it holds; a part that cannot be read at all is noted, never thrown. */
        void walk(MimePart part) {
            ContentType type = contentType(part);
            try {
                if (type.match("multipart/*") && depth >= MAX_DEPTH) {
                    // A message nested thousands deep would overflow the stack (an Error, not a problem noted).
                    problem(ReadProblem.Kind.UNREADABLE_STRUCTURE, type.getBaseType().toLowerCase(Locale.ROOT));
                } else if (type.match("multipart/*")) {
                    depth++;
                    try {
                        multipart(part, type);
                    } finally {
                        depth--;
                    }
                } else {
                    leaf(part, type);
                }
            } catch (SpoolFailure e) {
                failure = e.getCause();
            } catch (MessagingException | IOException | RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "MB-02: a " + type.getBaseType() + " part could not be read");
                problem(ReadProblem.Kind.UNREADABLE_STRUCTURE, type.getBaseType().toLowerCase(Locale.ROOT));
            }
        }

        /** The parts of a multipart; when they cannot be found, its body is shown as text as far as it can be. */
        private void multipart(MimePart part, ContentType type) throws MessagingException, IOException {
            // Split from the part's own bytes, which the message shares (a range of the source, not a copy).
            ReceivedMime.Multipart multipart = new ReceivedMime.Multipart(() -> raw(part), type.toString(),
                    fallback);
            int count;
            try {
                count = multipart.getCount();
            } catch (MessagingException e) {
                problem(ReadProblem.Kind.UNREADABLE_STRUCTURE, type.getBaseType().toLowerCase(Locale.ROOT));
                byte[] content;
                try (InputStream in = raw(part)) {
                    // A broken multipart of a spooled message is shown as text up to a megabyte at least.
                    content = spool == null ? in.readAllBytes()
                            : in.readNBytes((int) Math.min(Math.max(spool.above(), 1 << 20), Integer.MAX_VALUE - 8));
                }
                append(text, ReceivedMime.text(content, fallback));
                return;
            }
            if (type.match("multipart/alternative")) {
                alternative(multipart, count);
            } else {
                for (int i = 0; i < count; i++) {
                    walk((MimeBodyPart) multipart.getBodyPart(i));
                }
            }
        }

        /** The text and the HTML of alternatives; anything richer (a related part with images) is walked in full. */
        private void alternative(ReceivedMime.Multipart multipart, int count) throws MessagingException, IOException {
            String plain = null;
            MimeBodyPart richest = null;
            for (int i = 0; i < count; i++) {
                MimeBodyPart part = (MimeBodyPart) multipart.getBodyPart(i);
                ContentType type = contentType(part);
                if (type.match("text/plain") && plain == null) {
                    plain = body(part, type, type.getBaseType().toLowerCase(Locale.ROOT), false);
                } else if (!type.match("text/plain")) {
                    richest = part;
                }
            }
            append(text, plain);
            if (richest != null) {
                walk(richest);
            }
        }

        private void leaf(MimePart part, ContentType type) throws MessagingException, IOException {
            String disposition = disposition(part);
            String fileName = fileName(part);
            String where = fileName != null ? fileName : type.getBaseType().toLowerCase(Locale.ROOT);
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
            if (!attachment && type.match("text/plain")) {
                append(text, body(part, type, where, false));
            } else if (!attachment && type.match("text/html")) {
                append(html, body(part, type, where, true));
            } else {
                String contentId = firstId(part.getContentID());
                String name = fileName != null ? fileName : defaultName(type, attachments.size() + 1);
                boolean inline = contentId != null && !Part.ATTACHMENT.equalsIgnoreCase(disposition);
                String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
                attachments.add(spool != null && part.getSize() > spool.above()
                        ? spooled(part, type, where, name, baseType, contentId, inline)
                        : new FetchedMail.Attachment(name, baseType, contentId, inline, content(part, type, where)));
            }
        }

        /**
         * A text or HTML body, as {@link #text}; when the message is spooled and the body is larger than
         * {@link #bodyMax()}, it is not read into memory but kept whole as a file ({@code body.txt}, {@code body.html})
         * and noted ({@link ReadProblem.Kind#BODY_TOO_LARGE}): a body is stored and shown as text, and one of hundreds
         * of megabytes would fill the server's heap (issue 18 item 7).
         */
        private String body(MimePart part, ContentType type, String where, boolean html)
                throws MessagingException, IOException {
            if (spool == null || part.getSize() <= bodyMax()) {
                return text(part, type, where);
            }
            String name = html ? "body.html" : "body.txt";
            String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
            attachments.add(spooled(part, type, where, name, baseType, null, false));
            problem(ReadProblem.Kind.BODY_TOO_LARGE, name);
            return null;
        }

        /** The largest body read into memory from a spooled message: the spool's threshold, and at least 1 MB. */
        private long bodyMax() {
            return Math.max(spool.above(), 1L << 20);
        }

        /** A large part decoded into a file of the spool, a chunk at a time (issue 18 item 7). */
        private FetchedMail.Attachment spooled(MimePart part, ContentType type, String where, String name,
                String baseType, String contentId, boolean inline) throws MessagingException {
            String encoding = type.match("multipart/*") || type.match("message/*") ? null : encoding(part);
            try {
                Path file = spool.newFile("part-");
                ReadProblem.Kind problem;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), LenientDecoding.CHUNK)) {
                    problem = LenientDecoding.decode(() -> raw(part), encoding, out);
                }
                encodingProblem(problem, encoding, where);
                return FetchedMail.Attachment.spooled(name, baseType, contentId, inline, file);
            } catch (IOException e) {
                throw new SpoolFailure(e);
            }
        }

        /**
         * A text part in its declared charset. Bytes that declare none, or US-ASCII (often declared for 8-bit text by
         * mistake), or a charset Java does not know, are read as UTF-8 when they are valid UTF-8, else in the fallback.
         */
        private String text(MimePart part, ContentType type, String where) throws MessagingException, IOException {
            byte[] bytes = content(part, type, where);
            String declared = type.getParameter("charset");
            Charset charset = ReceivedMime.charset(declared);
            if (charset == null && declared != null && !declared.isBlank()) {
                problem(ReadProblem.Kind.UNKNOWN_CHARSET, declared);
            }
            if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
                return ReceivedMime.text(bytes, fallback);
            }
            return new String(bytes, charset);
        }

        /**
         * A part's bytes with its Content-Transfer-Encoding undone, leniently. As Jakarta Mail does by default, an
         * encoding given to a multipart or message part (which may only be 7bit, 8bit or binary) is ignored.
         */
        private byte[] content(MimePart part, ContentType type, String where) throws MessagingException, IOException {
            byte[] raw;
            try (InputStream in = raw(part)) {
                raw = in.readAllBytes();
            }
            if (type.match("multipart/*") || type.match("message/*")) {
                return raw;
            }
            String encoding = encoding(part);
            LenientDecoding.Decoded decoded = LenientDecoding.decode(raw, encoding);
            encodingProblem(decoded.problem(), encoding, where);
            return decoded.bytes();
        }

        /** Notes what the decoding found: an unknown encoding by its name, damage by the part. */
        private void encodingProblem(ReadProblem.Kind kind, String encoding, String where) {
            if (kind == ReadProblem.Kind.UNKNOWN_ENCODING) {
                problem(kind, encoding);
            } else if (kind != null) {
                problem(kind, where);
            }
        }
    }

    /** A part's bytes as sent (transfer encoding not undone); shared with the message's source, not copied. */
    private static InputStream raw(MimePart part) throws IOException {
        try {
            return part instanceof MimeMessage message ? message.getRawInputStream()
                    : ((MimeBodyPart) part).getRawInputStream();
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    /** The spool could not be written: not a problem of the message, so not noted as one but passed on. */
    private static final class SpoolFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpoolFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static void append(StringBuilder body, String part) {
        if (part == null || part.isEmpty()) {
            return;
        }
        if (!body.isEmpty()) {
            body.append("\n\n");
        }
        body.append(part);
    }

    private static String encoding(MimePart part) {
        try {
            return part.getEncoding();
        } catch (MessagingException e) {
            try {
                return part.getHeader("Content-Transfer-Encoding", null);
            } catch (MessagingException again) {
                return null;
            }
        }
    }

    /**
     * The part's content type. A parameter Jakarta Mail cannot parse (most often a raw 8-bit file name that is not
     * quoted) does not cost the part its type: the base type is kept with its charset and boundary.
     */
    private static ContentType contentType(MimePart part) {
        String header = header(part, "Content-Type");
        if (header == null) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(header);
        } catch (ParseException e) {
            try {
                ContentType base = new ContentType(header.split(";", 2)[0].strip());
                for (String name : List.of("charset", "boundary")) {
                    String value = parameter(header, name);
                    if (value != null) {
                        base.setParameter(name, value);
                    }
                }
                return base;
            } catch (ParseException again) {
                return new ContentType("application", "octet-stream", null);
            }
        }
    }

    private static String disposition(MimePart part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            String header = header(part, "Content-Disposition");
            return header == null ? null : header.split(";", 2)[0].strip();
        }
    }

    /** The file name, as Jakarta Mail reads it (RFC 2231 included), else as it stands in the header. */
    private static String fileName(MimePart part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            String disposition = header(part, "Content-Disposition");
            name = disposition == null ? null : parameter(disposition, "filename");
            if (name == null) {
                String type = header(part, "Content-Type");
                name = type == null ? null : parameter(type, "name");
            }
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name).strip();
        } catch (UnsupportedEncodingException e) {
            return name.strip();
        }
    }

    private static String header(MimePart part, String name) {
        try {
            return part.getHeader(name, null);
        } catch (MessagingException e) {
            return null;
        }
    }

    /** A parameter of a header whose parameter list Jakarta Mail could not parse: quoted, or up to the next ';'. */
    private static String parameter(String header, String name) {
        Matcher matcher = Pattern.compile("(?i)(?:^|;)\\s*" + Pattern.quote(name)
                + "\\s*=\\s*(?:\"([^\"]*)\"|([^;]*))").matcher(header);
        if (!matcher.find()) {
            return null;
        }
        String value = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).strip();
        return value.isEmpty() ? null : value;
    }

    private static String defaultName(ContentType type, int number) {
        if (type.match("message/rfc822")) {
            return "message-" + number + ".eml";
        }
        String sub = type.getSubType() == null ? "bin" : type.getSubType().toLowerCase(Locale.ROOT);
        return "part-" + number + "." + (sub.matches("[a-z0-9]{1,10}") ? sub : "bin");
    }

    private static String decodedSubject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? null : subject.strip();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static List<FetchedMail.Address> addresses(MimeMessage message, String header) {
        List<FetchedMail.Address> list = new ArrayList<>();
        try {
            String value = message.getHeader(header, ",");
            if (value == null) {
                return list;
            }
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                String email = address.getAddress();
                if (email != null && email.contains("@")) {
                    String name = address.getPersonal();
                    list.add(new FetchedMail.Address(email.strip().toLowerCase(Locale.ROOT),
                            name == null || name.isBlank() ? null : name.strip()));
                }
            }
        } catch (AddressException e) {
            // An address list beyond repair: the message is kept without it.
        } catch (MessagingException e) {
            return list;
        }
        return list;
    }

    private static FetchedMail.Address first(List<FetchedMail.Address> addresses) {
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    static String firstId(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = MESSAGE_ID.matcher(header);
        if (matcher.find()) {
            return matcher.group(1);
        }
        String bare = header.strip();
        return bare.isEmpty() || bare.contains(" ") ? null : bare;
    }

    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher matcher = MESSAGE_ID.matcher(header);
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    private static OffsetDateTime utc(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static Date sentDate(MimeMessage message) {
        try {
            return message.getSentDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    /**
     * The key of a message without Message-ID: its date, sender and subject and a hash of its raw body (all after the
     * header block, as sent). The same message in two folders of one server has the same bytes, so the same key;
     * look-alikes (one-time codes, notifications sent in the same second) differ in their bodies. The size is left
     * out: it also counts the headers each delivery adds.
     */
    private static String digest(OffsetDateTime sentAt, FetchedMail.Address from, String subject,
            MimeMessage message) throws MessagingException, IOException {
        MessageDigest body = sha256();
        try (InputStream in = message.getRawInputStream()) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), body));
        }
        MessageDigest key = sha256();
        String basis = sentAt + "|" + (from == null ? "" : from.address()) + "|" + subject + "|";
        key.update(basis.getBytes(StandardCharsets.UTF_8));
        key.update(HexFormat.of().formatHex(body.digest()).getBytes(StandardCharsets.US_ASCII));
        return "sha256:" + HexFormat.of().formatHex(key.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
