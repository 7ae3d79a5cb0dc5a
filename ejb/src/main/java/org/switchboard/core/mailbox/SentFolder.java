package org.switchboard.core.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Saves a sent message to the mailbox's Sent folder over IMAP (MB-03): the folder the server marks {@code \Sent}
 * (SPECIAL-USE), else the first of the usual names, else a new folder "Sent". The message is appended as read; where
 * the server has UIDPLUS, its APPENDUID tells the UID, so that the folder's next sync knows the message already.
 */
public final class SentFolder {

    /** Names clients use for the Sent folder, in the order they are tried (case-insensitive). */
    static final List<String> USUAL_NAMES = List.of("Sent", "Sent Items", "Sent Messages", "[Gmail]/Sent Mail",
            "INBOX.Sent", "INBOX/Sent");
    static final String CREATED_NAME = "Sent";

    /**
     * Where the message went: the folder's name, and its UIDVALIDITY and UID when the server said (UIDPLUS); both
     * are 0 otherwise.
     */
    public record Placement(String folder, long uidValidity, long uid) {

        public boolean knowsUid() {
            return uid > 0;
        }
    }

    private SentFolder() {
    }

    /** Appends the message to the Sent folder, creating "Sent" when the mailbox has none. */
    public static Placement save(IMAPStore store, MimeMessage message) throws MessagingException {
        IMAPFolder folder = find(store);
        message.setFlag(Flags.Flag.SEEN, true);
        AppendUID[] uids = folder.appendUIDMessages(new Message[] {message});
        AppendUID uid = uids == null || uids.length == 0 ? null : uids[0];
        return uid == null ? new Placement(folder.getFullName(), 0, 0)
                : new Placement(folder.getFullName(), uid.uidvalidity, uid.uid);
    }

    /**
     * Where the Sent folder keeps the message with this Message-ID (without angle brackets), if it does: how a send
     * whose attempt was cut off (the node stopped between the SMTP server's answer and recording it) learns that
     * the message went out, from a server that saves what it sends or from an earlier APPEND (MB-03).
     */
    public static Optional<Placement> locate(IMAPStore store, String messageId) throws MessagingException {
        IMAPFolder folder = existing(store);
        if (folder == null) {
            return Optional.empty();
        }
        folder.open(Folder.READ_ONLY);
        try {
            for (Message message : folder.search(new MessageIDTerm(messageId))) {
                String[] ids = message.getHeader("Message-ID");
                if (ids != null && ids.length > 0 && ("<" + messageId + ">").equals(ids[0].strip())) {
                    return Optional.of(new Placement(folder.getFullName(), folder.getUIDValidity(),
                            folder.getUID(message)));
                }
            }
            return Optional.empty();
        } finally {
            folder.close(false);
        }
    }

    /** The Sent folder by SPECIAL-USE, else by name; created when there is none. */
    static IMAPFolder find(IMAPStore store) throws MessagingException {
        IMAPFolder existing = existing(store);
        if (existing != null) {
            return existing;
        }
        IMAPFolder created = (IMAPFolder) store.getFolder(CREATED_NAME);
        if (!created.exists() && !created.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("The server did not create the folder " + CREATED_NAME);
        }
        created.setSubscribed(true);
        return created;
    }

    /** The Sent folder by SPECIAL-USE, else by name; {@code null} when there is none. */
    private static IMAPFolder existing(IMAPStore store) throws MessagingException {
        Folder[] all = store.getDefaultFolder().list("*");
        for (Folder folder : all) {
            if (folder instanceof IMAPFolder imap && holdsMessages(imap)) {
                for (String attribute : imap.getAttributes()) {
                    if ("\\Sent".equalsIgnoreCase(attribute)) {
                        return imap;
                    }
                }
            }
        }
        for (String name : USUAL_NAMES) {
            for (Folder folder : all) {
                if (folder instanceof IMAPFolder imap && name.equalsIgnoreCase(imap.getFullName())
                        && holdsMessages(imap)) {
                    return imap;
                }
            }
        }
        return null;
    }

    private static boolean holdsMessages(IMAPFolder folder) throws MessagingException {
        for (String attribute : folder.getAttributes()) {
            if ("\\Noselect".equalsIgnoreCase(attribute) || "\\NonExistent".equalsIgnoreCase(attribute)) {
                return false;
            }
        }
        return true;
    }
}
