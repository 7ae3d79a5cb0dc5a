package org.switchboard.core.mailbox;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the MIME message of an e-mail to send (MB-03, MB-11): the From header with the alias as personal name, the
 * text and HTML alternatives, the pictures the HTML carries as {@code data:} URIs (pasted into a signature) turned
 * into inline parts referenced by Content-ID inside a multipart/related (mail clients do not show {@code data:}
 * images), the files as attachments, and the Message-ID fixed when the e-mail was stored, so that a retry sends the
 * same message.
 */
public final class MailComposer {

    /** A {@code data:} picture; the sanitizer writes {@code +}, {@code =} and others as numeric entities. */
    private static final Pattern DATA_IMAGE = Pattern.compile("(<img\\b[^>]*?\\bsrc\\s*=\\s*)([\"'])data:"
            + "(image/(?:png|jpeg|gif|webp));base64,((?:[A-Za-z0-9+/=\\s]|&#[0-9]+;|&#x[0-9a-fA-F]+;)+)\\2",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

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
            for (OutgoingMail.File file : mail.files()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
                part.setFileName(encodedName(file.fileName()));
                part.setDisposition(Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
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

    private static String encodedName(String fileName) {
        try {
            return MimeUtility.encodeText(fileName, StandardCharsets.UTF_8.name(), null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
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
