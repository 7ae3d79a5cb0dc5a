package org.switchboard.core.mailbox;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message's raw RFC 5322 bytes into a {@link FetchedMail} (MB-02): decoded headers and addresses, the text
 * and HTML bodies (the alternatives of one message, or its text parts joined), attachments and inline images with
 * their Content-ID, and the keys that thread and deduplicate it. Lenient on purpose: a malformed address, an unknown
 * charset or a broken part never loses the rest of the message.
 */
public final class MailParser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Session SESSION = session();

    private MailParser() {
    }

    /** Parses a message read from a folder: its UID, the server's received time and whether it is read. */
    public static FetchedMail parse(InputStream raw, long uid, Date internalDate, long sizeBytes, boolean seen)
            throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, raw);
        return parse(message, uid, internalDate, sizeBytes, seen);
    }

    static FetchedMail parse(MimeMessage message, long uid, Date internalDate, long sizeBytes, boolean seen)
            throws MessagingException, IOException {
        String messageId = firstId(message.getHeader("Message-ID", null));
        String inReplyTo = firstId(message.getHeader("In-Reply-To", null));
        List<String> references = ids(message.getHeader("References", " "));
        String subject = decodedSubject(message);
        FetchedMail.Address from = first(addresses(message, "From"));
        OffsetDateTime sentAt = utc(message.getSentDate());
        OffsetDateTime receivedAt = internalDate != null ? utc(internalDate) : sentAt;
        String dedupeKey = messageId != null ? messageId : digest(sentAt, from, subject, sizeBytes);
        String threadKey = !references.isEmpty() ? references.get(0) : inReplyTo != null ? inReplyTo : dedupeKey;
        Bodies bodies = new Bodies();
        walk(message, bodies);
        return new FetchedMail(uid, messageId, dedupeKey, threadKey, inReplyTo, subject, from,
                addresses(message, "To"), addresses(message, "Cc"), addresses(message, "Bcc"), sentAt, receivedAt,
                sizeBytes, seen, bodies.text(), bodies.html(), bodies.attachments, List.of());
    }

    private static Session session() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.parameters.strict", "false");
        return Session.getInstance(properties);
    }

    private static final class Bodies {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder html = new StringBuilder();
        private final List<FetchedMail.Attachment> attachments = new ArrayList<>();

        String text() {
            return text.isEmpty() ? null : text.toString();
        }

        String html() {
            return html.isEmpty() ? null : html.toString();
        }
    }

    private static void walk(Part part, Bodies bodies) throws MessagingException, IOException {
        ContentType type = contentType(part);
        String disposition = disposition(part);
        String fileName = fileName(part);
        if (type.match("multipart/*")) {
            Object content = content(part);
            if (content instanceof Multipart multipart) {
                if (type.match("multipart/alternative")) {
                    alternative(multipart, bodies);
                } else {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i), bodies);
                    }
                }
                return;
            }
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (!attachment && type.match("text/plain")) {
            append(bodies.text, text(part, type));
        } else if (!attachment && type.match("text/html")) {
            append(bodies.html, text(part, type));
        } else {
            String contentId = part instanceof MimePart mime ? firstId(mime.getContentID()) : null;
            String name = fileName != null ? fileName : defaultName(type, bodies.attachments.size() + 1);
            boolean inline = contentId != null && !Part.ATTACHMENT.equalsIgnoreCase(disposition);
            bodies.attachments.add(new FetchedMail.Attachment(name, type.getBaseType().toLowerCase(Locale.ROOT),
                    contentId, inline, bytes(part)));
        }
    }

    /** The text and the HTML of alternatives; anything richer (a related part with images) is walked in full. */
    private static void alternative(Multipart multipart, Bodies bodies) throws MessagingException, IOException {
        String text = null;
        BodyPart richest = null;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            ContentType type = contentType(part);
            if (type.match("text/plain") && text == null) {
                text = text(part, type);
            } else if (!type.match("text/plain")) {
                richest = part;
            }
        }
        append(bodies.text, text);
        if (richest != null) {
            walk(richest, bodies);
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

    private static String text(Part part, ContentType type) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (UnsupportedEncodingException e) {
            // an unknown charset: decoded below with the charset's best guess
        }
        return new String(bytes(part), charset(type.getParameter("charset")));
    }

    private static Charset charset(String name) {
        if (name != null) {
            try {
                return Charset.forName(MimeUtility.javaCharset(name));
            } catch (IllegalArgumentException e) {
                // unknown or illegal: fall back
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            // A broken transfer encoding: keep the part's raw bytes rather than lose it.
            if (part instanceof jakarta.mail.internet.MimeBodyPart mime) {
                try (InputStream raw = mime.getRawInputStream()) {
                    return raw.readAllBytes();
                }
            }
            throw e;
        }
    }

    private static Object content(Part part) throws MessagingException, IOException {
        try {
            return part.getContent();
        } catch (IOException | MessagingException e) {
            return null;
        }
    }

    private static ContentType contentType(Part part) {
        try {
            String header = part.getContentType();
            return new ContentType(header == null ? "text/plain" : header);
        } catch (MessagingException e) {
            return new ContentType("application", "octet-stream", null);
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            if (name == null || name.isBlank()) {
                return null;
            }
            return MimeUtility.decodeText(name).strip();
        } catch (MessagingException | UnsupportedEncodingException e) {
            return null;
        }
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

    private static String digest(OffsetDateTime sentAt, FetchedMail.Address from, String subject, long size) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String basis = sentAt + "|" + (from == null ? "" : from.address()) + "|" + subject + "|" + size;
            return "sha256:" + HexFormat.of().formatHex(sha.digest(basis.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
