package org.switchboard.core.mailbox;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mailbox.LoadPeriod;
import org.switchboard.model.mailbox.Mailbox;

/** The mailbox wizard's rules (MB-01, MP-02), as plain code: a valid address, and the log-in a provider expects. */
public final class MailboxRules {

    /** One @, a local part without spaces or brackets, a domain with a dot: what a mail server can log in. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /**
     * The most characters a mailbox password may have (MB-01, X-02 issue 18), checked before any mail server is
     * asked: a 1 MB password went to the server. Its ciphertext ({@code v1:} and the Base64 of nonce, UTF-8 bytes
     * and tag) must fit the 1,000 characters of {@link Mailbox#PASSWORD_STORED_MAX} even when every character takes
     * three UTF-8 bytes: 200 give 843. Real passwords, app passwords included, are far shorter.
     */
    public static final int PASSWORD_MAX = 200;

    private MailboxRules() {
    }

    /** Whether the text, as typed, is an address a mail server accepts (no trimming, no lower-casing). */
    public static boolean isAddress(String text) {
        return text != null && text.length() <= Mailbox.ADDRESS_MAX && ADDRESS.matcher(text).matches();
    }

    /** The address, trimmed and lower-cased, or a field error. */
    public static String address(String address) {
        String trimmed = address == null ? "" : address.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", "address");
        }
        if (!isAddress(trimmed)) {
            throw new InvalidInputException("validation.mailbox.address", "address", trimmed);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** The user name to log in with, by the provider's login format (MP-02). */
    public static String login(LoginFormat format, String address, String entered) {
        return switch (format) {
            case EMAIL -> address;
            case MAILBOX_NAME -> address.substring(0, address.indexOf('@'));
            case MANUAL -> {
                String login = entered == null ? "" : entered.strip();
                if (login.isEmpty()) {
                    throw new InvalidInputException("validation.required", "login");
                }
                if (login.length() > Mailbox.LOGIN_MAX) {
                    throw new InvalidInputException("validation.tooLong", "login", Mailbox.LOGIN_MAX);
                }
                yield login;
            }
        };
    }

    /**
     * The password must be given, within {@value #PASSWORD_MAX} characters; it is never trimmed (spaces may be part of
     * it).
     */
    public static String password(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("validation.password.required", "password");
        }
        if (password.length() > PASSWORD_MAX) {
            throw new InvalidInputException("validation.password.tooLong", "password", PASSWORD_MAX);
        }
        return password;
    }

    /**
     * MB-02: the period of the first load is fixed once mail has been loaded. The first sync fixes where the load
     * starts; a later change would be accepted and do nothing, so it is refused on {@code loadPeriod} (keeping the
     * period as it is is fine).
     *
     * @param loaded the first sync has fixed the start (the mailbox's {@code loadSince} is set)
     */
    public static void loadPeriodChange(LoadPeriod current, LoadPeriod wanted, boolean loaded) {
        if (loaded && wanted != current) {
            throw new InvalidInputException("validation.mailbox.loadPeriodFixed", "loadPeriod");
        }
    }

    /**
     * The settings as they may be saved (MB-02, MB-03, MB-10, MB-11): a load period; at least one ticked folder
     * when not all folders are loaded; an alias when it is used; a signature within its length.
     */
    public static MailboxSettingsDraft settings(MailboxSettingsDraft draft) {
        if (draft == null || draft.loadPeriod() == null) {
            throw new InvalidInputException("validation.required", "loadPeriod");
        }
        Set<String> selected = draft.selectedFolders() == null ? Set.of() : Set.copyOf(draft.selectedFolders());
        if (!draft.allFolders() && selected.isEmpty()) {
            throw new InvalidInputException("validation.mailbox.noFolders", "selectedFolders");
        }
        String alias = draft.alias() == null || draft.alias().isBlank() ? null : draft.alias().strip();
        if (draft.useAlias() && alias == null) {
            throw new InvalidInputException("validation.required", "alias");
        }
        if (alias != null && alias.length() > Mailbox.ALIAS_MAX) {
            throw new InvalidInputException("validation.tooLong", "alias", Mailbox.ALIAS_MAX);
        }
        if (alias != null && alias.chars().anyMatch(Character::isISOControl)) {
            // A line break in the display name would break the From header.
            throw new InvalidInputException("validation.mailbox.aliasOneLine", "alias");
        }
        // MB-11: rich text with pictures, but only safe HTML is kept (whatever the client, REST included).
        String signature = draft.signatureHtml() == null || draft.signatureHtml().isBlank() ? null
                : SignaturePolicy.sanitize(draft.signatureHtml());
        if (signature != null && signature.length() > Mailbox.SIGNATURE_MAX) {
            throw new InvalidInputException("validation.tooLong", "signatureHtml", Mailbox.SIGNATURE_MAX);
        }
        return new MailboxSettingsDraft(draft.loadPeriod(), draft.autoSync(), draft.allFolders(),
                selected, draft.sendEnabled(), draft.defaultSender(),
                draft.useAlias(), alias, draft.useSignature(), signature, draft.shared());
    }

    /**
     * One access-list row (SM-02): exactly one of user and role, and at least one right; the field {@code access}
     * carries the error.
     */
    public static MailboxAccessDraft accessRow(MailboxAccessDraft row) {
        if (row == null || (row.userId() == null) == (row.roleId() == null)) {
            throw new InvalidInputException("validation.mailbox.accessGrantee", "access");
        }
        if (!row.read() && !row.send() && !row.configure()) {
            throw new InvalidInputException("validation.mailbox.accessNoRight", "access");
        }
        return row;
    }

    /** A whole access list (SM-02): every row valid, each user and each role once. */
    public static List<MailboxAccessDraft> accessList(List<MailboxAccessDraft> rows) {
        if (rows == null) {
            throw new InvalidInputException("validation.required", "access");
        }
        Set<String> grantees = new HashSet<>();
        for (MailboxAccessDraft row : rows) {
            accessRow(row);
            String grantee = row.userId() != null ? "user " + row.userId() : "role " + row.roleId();
            if (!grantees.add(grantee)) {
                throw new InvalidInputException("validation.mailbox.accessDuplicate", "access", grantee);
            }
        }
        return List.copyOf(rows);
    }

    /** The domain of a checked address. */
    public static String domain(String address) {
        return address.substring(address.indexOf('@') + 1);
    }
}
