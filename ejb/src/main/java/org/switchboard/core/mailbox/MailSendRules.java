package org.switchboard.core.mailbox;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.mailbox.EmailAttachment;
import org.switchboard.model.mailbox.EmailMessage;

/**
 * The rules of a new e-mail (MB-03, MB-11), free of persistence so that they are unit-tested: recipients are RFC 5322
 * addresses (at least one), the subject is one line, the HTML body keeps only what the signature policy allows,
 * files stay within {@value #FILES_MAX_MB} MB with names and types fit for a MIME header, the signature is appended, a text alternative is derived from the
 * HTML, and a reply gets "Re:" and the ids that thread it.
 */
public final class MailSendRules {

    /** The most all files of one e-mail may weigh together, in MB (providers refuse about 25 MB of MIME). */
    public static final int FILES_MAX_MB = 20;
    public static final long FILES_MAX_BYTES = FILES_MAX_MB * 1024L * 1024L;
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern BLOCK_END = Pattern.compile(
            "(?i)<br\\s*/?>|</p>|</div>|</li>|</h[1-6]>|</tr>|</blockquote>|</pre>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*(re|aw|ответ)\\s*:.*");

    private MailSendRules() {
    }

    /**
     * The addresses of one recipient field, lower-cased domains kept as written; each entry may list several
     * separated by commas. An entry that is not an RFC 5322 address is an error on the field naming it.
     */
    public static List<String> addresses(String field, List<String> entries) {
        Set<String> result = new LinkedHashSet<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            InternetAddress[] parsed;
            try {
                parsed = InternetAddress.parse(entry.replace(';', ','), true);
            } catch (AddressException e) {
                throw new InvalidInputException("validation.email.address", field, entry.strip());
            }
            for (InternetAddress address : parsed) {
                String text = address.getAddress();
                try {
                    address.validate();
                } catch (AddressException e) {
                    throw new InvalidInputException("validation.email.address", field, text);
                }
                int at = text == null ? -1 : text.lastIndexOf('@');
                if (at < 1 || at == text.length() - 1 || !text.substring(at + 1).contains(".")
                        || text.length() > EmailMessage.ADDRESS_MAX) {
                    throw new InvalidInputException("validation.email.address", field, text);
                }
                result.add(text);
            }
        }
        return new ArrayList<>(result);
    }

    /** At least one recipient in To, Cc or Bcc. */
    public static void someRecipient(List<String> to, List<String> cc, List<String> bcc) {
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new InvalidInputException("validation.email.noRecipient", "to");
        }
    }

    /** The subject as one line, within its column. */
    public static String subject(String subject) {
        if (subject == null) {
            return "";
        }
        String line = subject.replaceAll("\\s*[\\r\\n\\t]+\\s*", " ").strip();
        if (line.length() > EmailMessage.SUBJECT_MAX) {
            throw new InvalidInputException("validation.email.subjectTooLong", "subject", EmailMessage.SUBJECT_MAX);
        }
        return line;
    }

    /**
     * The files, within {@value #FILES_MAX_MB} MB together, each with a name and a content type that can go into a
     * MIME header block: one with a line break or another control character, or a type that is not
     * {@code type/subtype}, is an error on that file's field ({@code files[i].fileName}, {@code files[i].contentType}).
     */
    public static List<EmailDraft.File> files(List<EmailDraft.File> files) {
        long total = 0;
        List<EmailDraft.File> checked = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            EmailDraft.File file = files.get(i);
            if (file == null || file.content() == null) {
                continue;
            }
            total += file.content().length;
            if (total > FILES_MAX_BYTES) {
                throw new InvalidInputException("validation.email.filesTooLarge", "files", FILES_MAX_MB);
            }
            String field = "files[" + i + "]";
            checked.add(new EmailDraft.File(fileName(file.fileName(), field + ".fileName"),
                    contentType(file.contentType(), field + ".contentType"), file.content()));
        }
        return checked;
    }

    /**
     * A file's name without its folders, within its column; "file" when none is given. A control character (CR and
     * LF above all: in a header they would start a header of their own) is an error on the field.
     */
    static String fileName(String fileName, String field) {
        if (fileName == null || fileName.isBlank()) {
            return "file";
        }
        if (hasControl(fileName)) {
            throw new InvalidInputException("validation.email.fileNameControl", field, visible(fileName));
        }
        String name = fileName.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.isBlank() ? "file" : EmailMessage.clip(name, EmailAttachment.FILE_NAME_MAX);
    }

    /**
     * A file's content type as given when it parses as a MIME {@code type/subtype} (parameters allowed) of printable
     * ASCII; application/octet-stream when none is given or it is longer than its column. Anything else is an error on
     * the field: it would break the part's header or make the message impossible to build.
     */
    static String contentType(String contentType, String field) {
        if (contentType == null || contentType.isBlank()) {
            return OCTET_STREAM;
        }
        if (!contentType.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
            throw new InvalidInputException("validation.email.contentType", field, visible(contentType));
        }
        String type = contentType.strip();
        if (type.length() > EmailAttachment.CONTENT_TYPE_MAX) {
            return OCTET_STREAM;
        }
        try {
            ContentType parsed = new ContentType(type);
            if (parsed.getPrimaryType() == null || parsed.getPrimaryType().isEmpty()
                    || parsed.getSubType() == null || parsed.getSubType().isEmpty()) {
                throw new ParseException(type);
            }
        } catch (ParseException e) {
            throw new InvalidInputException("validation.email.contentType", field, type);
        }
        return type;
    }

    /** Whether the text has a control character (C0, DEL, C1) or a Unicode line or paragraph separator. */
    static boolean hasControl(String text) {
        return text.chars().anyMatch(MailSendRules::isControl);
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
    }

    /** The text for a message, each control character shown as U+FFFD. */
    private static String visible(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.chars().forEach(c -> shown.append(isControl(c) ? '\uFFFD' : (char) c));
        return shown.toString();
    }

    /**
     * The HTML to send: the editor's HTML made safe by the signature policy (or the plain text, escaped, when no HTML
     * came), with the signature appended when the mailbox uses one (MB-11).
     */
    public static String html(String html, String text, String signatureHtml) {
        String body = html != null && !html.isBlank() ? SignaturePolicy.sanitize(html)
                : text == null ? "" : "<div>" + escape(text).replace("\n", "<br>") + "</div>";
        if (signatureHtml != null && !signatureHtml.isBlank()) {
            body = body + "<br><div>-- </div>" + signatureHtml;
        }
        if (body.length() > EmailMessage.BODY_MAX) {
            throw new InvalidInputException("validation.email.bodyTooLong", "html");
        }
        return body;
    }

    /** The text alternative of an HTML body: line breaks where blocks end, no tags, entities decoded. */
    public static String text(String html) {
        String text = LIST_ITEM.matcher(html).replaceAll("- ");
        text = BLOCK_END.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher entity = ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(decoded, Matcher.quoteReplacement(decode(entity.group(1))));
        }
        entity.appendTail(decoded);
        String result = decoded.toString().replace("\r", "").replace('\u00a0', ' ');
        result = BLANK_LINES.matcher(result).replaceAll("\n\n");
        return result.strip();
    }

    /** A reply's subject: the original's with "Re: " in front, once. */
    public static String replySubject(String original) {
        String subject = original == null ? "" : original.strip();
        return REPLY_PREFIX.matcher(subject).matches() ? subject : "Re: " + subject;
    }

    /** A reply's References: the original's conversation root and parent, then the original itself, each once. */
    public static List<String> references(String threadKey, String inReplyTo, String messageId) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : new String[] {threadKey, inReplyTo, messageId}) {
            if (id != null && !id.isBlank() && !id.startsWith("sha256:")) {
                ids.add(id.strip());
            }
        }
        return new ArrayList<>(ids);
    }

    /** A new Message-ID (without angle brackets) in the domain of the sending address. */
    public static String messageId(String fromAddress) {
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return UUID.randomUUID() + "@" + domain;
    }

    /** The stored form of References: the ids separated by spaces. */
    public static String joinReferences(List<String> references) {
        return references.isEmpty() ? null : String.join(" ", references);
    }

    /** The ids of a stored References. */
    public static List<String> splitReferences(String references) {
        return references == null || references.isBlank() ? List.of() : List.of(references.strip().split("\\s+"));
    }

    private static String decode(String entity) {
        switch (entity) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            case "nbsp":
                return " ";
            default:
                try {
                    int code = entity.startsWith("#x") || entity.startsWith("#X")
                            ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                    return new String(Character.toChars(code));
                } catch (IllegalArgumentException e) {
                    return "";
                }
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
