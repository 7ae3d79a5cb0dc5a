package org.switchboard.it;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.SubjectTerm;
import org.awaitility.Awaitility;
import org.eclipse.angus.mail.imap.IMAPFolder;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Date;
import java.util.Properties;

/**
 * The GreenMail of a mailbox test as the application sees it (MB-01, MB-02): a provider for it with a domain of its
 * own, created over REST by the administrator, and mail put into a user's folders as if it had arrived. Works with
 * the tests' {@code GreenMailExtension} and with a GreenMail that an in-container test runs inside the server alike.
 */
final class LocalMail {

    /** A provider of the local GreenMail and the domain it owns. */
    record Provider(long id, String name, String domain) {
    }

    /** A user signed in as themselves, with a mailbox of their own on a provider of the local GreenMail. */
    record Mailbox(ApiClient api, String login, String address, long mailboxId) {
    }

    private LocalMail() {
    }

    /**
     * A fresh user who connects the GreenMail account {@code name@<a new provider's domain>} (MB-01), over the plain
     * or the SSL/TLS ports; the mailbox is not synced yet.
     */
    static Mailbox mailbox(URL base, GreenMailOperations mail, String name, boolean tls, String password) {
        ApiClient admin = ApiClient.asAdmin(base);
        String address = name + "@" + provider(admin, mail, tls, null).domain();
        mail.setUser(address, address, password);
        String login = Fixtures.unique("sender");
        Fixtures.user(admin, login);
        ApiClient api = ApiClient.as(base, login, Fixtures.PASSWORD);
        long id = api.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", password).build()).assertCreated().getJsonNumber("id").longValue();
        return new Mailbox(api, login, address, id);
    }

    /**
     * A provider for the GreenMail's plain (or SSL/TLS) IMAP and SMTP ports, logging in with the full address, with a
     * unique domain; {@code appPasswordUrl} may be {@code null}.
     */
    static Provider provider(ApiClient admin, GreenMailOperations mail, boolean tls, String appPasswordUrl) {
        return provider(admin, mail, tls, appPasswordUrl, "EMAIL");
    }

    /** Like the other, with the provider's login format (MP-02: EMAIL, MAILBOX_NAME or MANUAL). */
    static Provider provider(ApiClient admin, GreenMailOperations mail, boolean tls, String appPasswordUrl,
            String loginFormat) {
        return provider(admin, mail, tls, appPasswordUrl, loginFormat, true);
    }

    /** Like the other, with its outgoing (SMTP) block switched on or off (MP-13: off, its mailboxes only receive). */
    static Provider provider(ApiClient admin, GreenMailOperations mail, boolean tls, String appPasswordUrl,
            String loginFormat, boolean smtpEnabled) {
        String name = Fixtures.unique("Local mail");
        String domain = Fixtures.unique("acme").toLowerCase() + ".test";
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "IMAP").add("name", name)
                .add("imapHost", "127.0.0.1").add("imapPort", tls ? mail.getImaps().getPort() : mail.getImap().getPort())
                .add("imapSecurity", tls ? "SSL_TLS" : "NONE")
                .add("smtpEnabled", smtpEnabled)
                .add("smtpHost", "127.0.0.1").add("smtpPort", tls ? mail.getSmtps().getPort() : mail.getSmtp().getPort())
                .add("smtpSecurity", tls ? "SSL_TLS" : "NONE")
                .add("loginFormat", loginFormat).add("authentication", "BASIC");
        if (appPasswordUrl != null) {
            body.add("appPasswordUrl", appPasswordUrl);
        }
        long id = admin.post("api/v1/mail-providers", body.build()).assertCreated().getJsonNumber("id").longValue();
        admin.post("api/v1/mail-provider-domains", Json.createObjectBuilder().add("domain", domain)
                .add("providerId", id).build()).assertCreated();
        return new Provider(id, name, domain);
    }

    /**
     * Asks for a sync and returns once the request was taken (202), so the run it starts begins after everything the
     * test did before. While another run holds the mailbox (the one an IMAP IDLE watch starts when it connects, the
     * timer's) the request is refused with 409 "loading already", and that run may have passed the folder the test
     * just changed: the request is repeated until it is taken.
     */
    static void syncNow(ApiClient user, long id) {
        Awaitility.await("sync of mailbox " + id + " taken").atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    ApiResponse response = user.post("api/v1/mailboxes/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT);
                    if (response.status() != 202 && response.status() != 409) {
                        throw new AssertionError("sync of mailbox " + id + " refused: " + response);
                    }
                    return response.status() == 202;
                });
    }

    /** Connects the mailbox over REST and waits for its first sync to store the e-mails; returns its id. */
    static long connectAndSync(ApiClient user, String address, String password, int emails) {
        long id = user.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", password).build()).assertCreated().getJsonNumber("id").longValue();
        syncNow(user, id);
        Awaitility.await("first sync of " + address).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> user.get("api/v1/mailboxes/" + id).object(),
                        m -> "READY".equals(m.getString("status")) && m.getInt("emailCount") == emails);
        return id;
    }

    /**
     * Puts a message from bob@example.org into a folder of the user's GreenMail mailbox with the given received date
     * (IMAP APPEND), creating the folder when needed; with a file, the text comes with {@code offer.pdf}.
     */
    static void append(GreenMailOperations mail, String address, String password, String folderName, String subject,
            OffsetDateTime received, String text, boolean withFile) throws MessagingException {
        append(mail, address, password, folderName, "bob@example.org", subject, received, text, withFile);
    }

    /** Like the other, with the sender's address given (MB-04 links e-mails by address). */
    static void append(GreenMailOperations mail, String address, String password, String folderName, String from,
            String subject, OffsetDateTime received, String text, boolean withFile) throws MessagingException {
        put(mail, address, password, folderName, from, subject, received, message -> {
            if (withFile) {
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text);
                MimeBodyPart file = new MimeBodyPart();
                file.setContent("%PDF-1.4".getBytes(), "application/pdf");
                file.setFileName("offer.pdf");
                message.setContent(new MimeMultipart(body, file));
            } else {
                message.setText(text);
            }
        });
    }

    /** Puts a message from bob@example.org with a text and one file of the given bytes (base64) into a folder. */
    static void appendFile(GreenMailOperations mail, String address, String password, String folderName,
            String subject, OffsetDateTime received, String text, String fileName, String contentType, byte[] content)
            throws MessagingException {
        put(mail, address, password, folderName, "bob@example.org", subject, received, message -> {
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text);
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new jakarta.activation.DataHandler(
                    new jakarta.mail.util.ByteArrayDataSource(content, contentType)));
            file.setFileName(fileName);
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            file.setHeader("Content-Transfer-Encoding", "base64");
            message.setContent(new MimeMultipart(body, file));
        });
    }

    /**
     * Puts a message given as its raw RFC 5322 source into a folder, byte for byte (a malformed one as a mail client
     * would never write it), with the given received date, creating the folder when needed.
     */
    static void appendRaw(GreenMailOperations mail, String address, String password, String folderName,
            OffsetDateTime received, String raw) throws MessagingException {
        Session session = session(mail);
        if (!"INBOX".equalsIgnoreCase(folderName)) {
            try (Store store = open(session, address, password)) {
                Folder folder = store.getFolder(folderName);
                if (!folder.exists()) {
                    folder.create(Folder.HOLDS_MESSAGES);
                }
            }
        }
        MimeMessage message = new MimeMessage(session,
                new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        appendWithDate(mail, address, folderName, message, Date.from(received.toInstant()));
    }

    /** Puts a message from bob@example.org whose only body is the HTML (no text part) into a folder. */
    static void appendHtml(GreenMailOperations mail, String address, String password, String folderName,
            String subject, OffsetDateTime received, String html) throws MessagingException {
        put(mail, address, password, folderName, "bob@example.org", subject, received,
                message -> message.setContent(html, "text/html; charset=UTF-8"));
    }

    /** Sets a message's body. */
    private interface Body {
        void fill(MimeMessage message) throws MessagingException;
    }

    private static void put(GreenMailOperations mail, String address, String password, String folderName, String from,
            String subject, OffsetDateTime received, Body body) throws MessagingException {
        Session session = session(mail);
        try (Store store = open(session, address, password)) {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            Date date = Date.from(received.toInstant());
            MimeMessage message = new MimeMessage(session) {
                @Override
                public Date getReceivedDate() {
                    return date;
                }
            };
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
            message.setSubject(subject);
            message.setSentDate(date);
            body.fill(message);
            message.saveChanges();
            appendWithDate(mail, address, folderName, message, date);
        }
    }

    /**
     * Puts the message into GreenMail's store with its INTERNALDATE. Not by IMAP APPEND: GreenMail 2.1.13 parses an
     * APPEND's date-time with a 12-hour clock ({@code hh}), so a message of 12:xx was stored as 00:xx and sorted
     * twelve hours too early whenever the tests ran between noon and one.
     */
    private static void appendWithDate(GreenMailOperations mail, String address, String folderName,
            MimeMessage message, Date date) throws MessagingException {
        try {
            var user = mail.getManagers().getUserManager().getUserByEmail(address);
            if (user == null) {
                user = mail.getManagers().getUserManager().getUser(address);
            }
            var hosts = mail.getManagers().getImapHostManager();
            var folder = "INBOX".equalsIgnoreCase(folderName) ? hosts.getInbox(user)
                    : hosts.getFolder(user, folderName, true);
            folder.appendMessage(message, new jakarta.mail.Flags(), date);
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new MessagingException("GreenMail refused the message", e);
        }
    }

    /**
     * Copies the messages with the subject from one folder of the user's GreenMail mailbox into another (IMAP COPY,
     * the Message-ID kept), creating the target when needed: a message that two folders hold, as with a Gmail label.
     */
    static void copy(GreenMailOperations mail, String address, String password, String fromFolder, String subject,
            String toFolder) throws MessagingException {
        try (Store store = open(session(mail), address, password)) {
            Folder target = store.getFolder(toFolder);
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            Folder source = store.getFolder(fromFolder);
            source.open(Folder.READ_ONLY);
            try {
                Message[] found = source.search(new SubjectTerm(subject));
                if (found.length == 0) {
                    throw new IllegalStateException("No message '" + subject + "' in " + fromFolder);
                }
                source.copyMessages(found, target);
            } finally {
                source.close(false);
            }
        }
    }

    /**
     * Deletes the folder and creates it again with the same messages (their Message-IDs kept) and any given new
     * ones: the server gives the folder a new UIDVALIDITY (GreenMail's is the second of creation, so it is redone
     * until it differs). Returns the new UIDVALIDITY.
     */
    static long recreateFolder(GreenMailOperations mail, String address, String password, String folderName,
            long oldUidValidity) throws MessagingException {
        Session session = session(mail);
        try (Store store = open(session, address, password)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            List<MimeMessage> copies = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                copies.add(new MimeMessage((MimeMessage) message));
            }
            folder.close(false);
            return Awaitility.await("a new UIDVALIDITY for " + folderName).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        IMAPFolder again = (IMAPFolder) store.getFolder(folderName);
                        again.delete(false);
                        again.create(Folder.HOLDS_MESSAGES);
                        again.appendMessages(copies.toArray(Message[]::new));
                        again.open(Folder.READ_ONLY);
                        long uidValidity = again.getUIDValidity();
                        again.close(false);
                        return uidValidity;
                    }, uidValidity -> uidValidity != oldUidValidity);
        }
    }

    /** The folder's UIDVALIDITY. */
    static long uidValidity(GreenMailOperations mail, String address, String password, String folderName)
            throws MessagingException {
        try (Store store = open(session(mail), address, password)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            try {
                return folder.getUIDValidity();
            } finally {
                folder.close(false);
            }
        }
    }

    /** A mail session for the GreenMail's IMAP port. */
    private static Session session(GreenMailOperations mail) {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(mail.getImap().getPort()));
        return Session.getInstance(properties);
    }

    /** The user's IMAP store, logged in; the caller closes it. */
    private static Store open(Session session, String address, String password) throws MessagingException {
        Store store = session.getStore("imap");
        store.connect(address, password);
        return store;
    }
}
