package org.switchboard.core.mailbox;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.Serial;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.switchboard.core.common.InvalidInputException;

/**
 * Builds the MIME message of an e-mail to send (MB-03, MB-11): the From header with the alias as personal name, the
 * text and HTML alternatives, the pictures the HTML carries as {@code data:} URIs (pasted into a signature) turned
 * into inline parts referenced by Content-ID inside a multipart/related (mail clients do not show {@code data:}
 * images), the files as attachments with their names encoded per RFC 2231, and the Message-ID fixed when the e-mail was stored, so that a retry sends the
 * same message.
 */
public final class MailComposer {

    /** A {@code data:} picture; the sanitizer writes {@code +}, {@code =} and others as numeric entities. */
    private static final Pattern DATA_IMAGE = Pattern.compile("(<img\\b[^>]*?\\bsrc\\s*=\\s*)([\"'])data:"
            + "(image/(?:png|jpeg|gif|webp));base64,((?:[A-Za-z0-9+/=\\s]|&#[0-9]+;|&#x[0-9a-fA-F]+;)+)\\2",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");
    /** The longest section of an RFC 2231 parameter value, so that each fits a header line of 78 characters. */
    private static final int SECTION_MAX = 60;
    /** The marks RFC 2231 allows unencoded in a parameter value (attribute-char, less letters and digits). */
    private static final String ATTRIBUTE_MARKS = "!#$&+-.^_`|~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MailComposer() {
    }

    /** The message, ready to be sent and saved to the Sent folder. */
    public static MimeMessage build(Session session, OutgoingMail mail) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, mail.messageId());
        try {
            message.setFrom(new InternetAddress(mail.fromAddress(), blankToNull(mail.fromName()),
                    StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        message.setRecipients(Message.RecipientType.TO, addresses(mail.to()));
        message.setRecipients(Message.RecipientType.CC, addresses(mail.cc()));
        message.setRecipients(Message.RecipientType.BCC, addresses(mail.bcc()));
        message.setSubject(mail.subject() == null ? "" : mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(mail.date().toInstant()));
        if (mail.inReplyTo() != null) {
            message.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
        }
        if (!mail.references().isEmpty()) {
            message.setHeader("References", MimeUtility.fold(12,
                    mail.references().stream().map(r -> "<" + r + ">").collect(Collectors.joining(" "))));
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text() == null ? "" : mail.text(), StandardCharsets.UTF_8.name());
        alternative.addBodyPart(text);
        alternative.addBodyPart(htmlPart(mail.html() == null ? "" : mail.html(), mail.messageId()));
        if (mail.files().isEmpty()) {
            message.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (int i = 0; i < mail.files().size(); i++) {
                mixed.addBodyPart(attachment(mail.files().get(i), "files[" + i + "]"));
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    /**
     * Builds the message once, before the e-mail is stored, so that what cannot be built is the caller's input
     * (REST 400, a command's dead letter) and never a send that fails later (MB-03): on the field at fault when it is
     * known.
     */
    public static void check(OutgoingMail mail) {
        try {
            build(Session.getInstance(new Properties()), mail);
        } catch (Unbuildable e) {
            throw new InvalidInputException("validation.email.unbuildable", e.field(), e.getMessage());
        } catch (MessagingException | RuntimeException e) {
            throw new InvalidInputException("validation.email.unbuildable", null, MailFailure.unreadable(e));
        }
    }

    /** The HTML alone, or inside a multipart/related with its {@code data:} pictures as inline parts. */
    static MimeBodyPart htmlPart(String html, String messageId) throws MessagingException {
        List<MimeBodyPart> images = new ArrayList<>();
        Matcher matcher = DATA_IMAGE.matcher(html);
        StringBuilder rewritten = new StringBuilder();
        String domain = messageId.contains("@") ? messageId.substring(messageId.indexOf('@') + 1) : "switchboard";
        while (matcher.find()) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(decodeEntities(matcher.group(4)));
            } catch (IllegalArgumentException e) {
                continue;
            }
            String type = matcher.group(3).toLowerCase(Locale.ROOT);
            String contentId = "img" + (images.size() + 1) + "." + messageId.hashCode() + "@" + domain;
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
            image.setContentID("<" + contentId + ">");
            image.setDisposition(Part.INLINE);
            image.setFileName("image" + (images.size() + 1) + "." + type.substring("image/".length()));
            images.add(image);
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(
                    matcher.group(1) + matcher.group(2) + "cid:" + contentId + matcher.group(2)));
        }
        matcher.appendTail(rewritten);
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(rewritten.toString(), StandardCharsets.UTF_8.name(), "html");
        if (images.isEmpty()) {
            return htmlPart;
        }
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(htmlPart);
        for (MimeBodyPart image : images) {
            related.addBodyPart(image);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(related);
        return wrapper;
    }

    private static String decodeEntities(String text) {
        Matcher entity = NUMERIC_ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (entity.find()) {
            int code = Integer.parseInt(entity.group(2), entity.group(1).isEmpty() ? 10 : 16);
            entity.appendReplacement(decoded, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        entity.appendTail(decoded);
        return decoded.toString();
    }

    private static InternetAddress[] addresses(List<String> addresses) throws MessagingException {
        InternetAddress[] result = new InternetAddress[addresses.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = new InternetAddress(addresses.get(i), true);
        }
        return result;
    }

    /**
     * A file as an attachment part. Its name goes into the {@code filename} parameter of Content-Disposition and the
     * {@code name} parameter of Content-Type, encoded per RFC 2231 in UTF-8 when it is not plain ASCII
     * ({@code filename*=UTF-8''...}, split into numbered sections when long). The charset is given here rather than
     * left to {@code MimeBodyPart.setFileName}, which takes the JVM's default ({@code mail.mime.charset} or
     * {@code file.encoding}, US-ASCII on a server started in the POSIX locale). RFC 2231 encoding itself is Jakarta
     * Mail's System property {@code mail.mime.encodeparameters}, on by default. A name or type that cannot go into a
     * header (a control character, a type that does not parse) is refused here too, whatever the caller checked.
     */
    private static MimeBodyPart attachment(OutgoingMail.File file, String field) throws MessagingException {
        if (MailSendRules.hasControl(file.fileName())) {
            throw new Unbuildable(field + ".fileName", "the file name has a control character");
        }
        ContentType type;
        try {
            type = new ContentType(file.contentType());
        } catch (ParseException e) {
            throw new Unbuildable(field + ".contentType", e.getMessage());
        }
        ParameterList typeParameters = type.getParameterList() == null ? new ParameterList()
                : type.getParameterList();
        setParameter(typeParameters, "name", file.fileName());
        type.setParameterList(typeParameters);
        ParameterList dispositionParameters = new ParameterList();
        setParameter(dispositionParameters, "filename", file.fileName());
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
        // After the data handler, which drops the content headers set before it.
        part.setHeader("Content-Type", type.toString());
        part.setHeader("Content-Disposition", new ContentDisposition(Part.ATTACHMENT, dispositionParameters)
                .toString());
        return part;
    }

    /**
     * Sets a parameter: plain ASCII as it is (Jakarta Mail quotes it, and splits it into {@code name*0}, {@code name*1}
     * when long); anything else encoded per RFC 2231 as {@code name*=UTF-8''...}, in sections {@code name*0*},
     * {@code name*1*} of at most {@value #SECTION_MAX} characters each, never splitting a character's bytes. Jakarta
     * Mail's own {@code ParameterList.set(name, value, charset)} writes an encoded value as one section however long
     * (a 255-character Cyrillic name is over 1,500 characters: past the 998 an SMTP line may have).
     */
    static void setParameter(ParameterList parameters, String name, String value) {
        if (value.chars().allMatch(c -> c < 0x80)) {
            parameters.set(name, value);
            return;
        }
        List<String> sections = new ArrayList<>();
        StringBuilder section = new StringBuilder("UTF-8''");
        for (int codePoint : value.codePoints().toArray()) {
            String encoded = percentEncoded(codePoint);
            if (section.length() + encoded.length() > SECTION_MAX) {
                sections.add(section.toString());
                section.setLength(0);
            }
            section.append(encoded);
        }
        sections.add(section.toString());
        if (sections.size() == 1) {
            parameters.set(name + "*", sections.get(0));
            return;
        }
        for (int i = 0; i < sections.size(); i++) {
            parameters.set(name + "*" + i + "*", sections.get(i));
        }
        parameters.combineSegments();
    }

    /** One character as RFC 2231 attribute-chars: letters, digits and a few marks as they are, the rest %XX. */
    private static String percentEncoded(int codePoint) {
        if (codePoint < 0x80 && (Character.isLetterOrDigit(codePoint) || ATTRIBUTE_MARKS.indexOf(codePoint) >= 0)) {
            return Character.toString(codePoint);
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return encoded.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A part of the message that cannot be built, with the field of the e-mail it comes from. */
    public static final class Unbuildable extends MessagingException {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String field;

        Unbuildable(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Keeps the Message-ID chosen when the e-mail was stored; Jakarta Mail would make a new one on every save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
