package org.switchboard.core.crm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.mailbox.MailboxRules;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.crm.CrmEmail;

/** What a contact or an account may be saved with (MB-04), as plain code: a name, and valid distinct addresses. */
public final class CrmRules {

    /** How many addresses one contact or account may hold. */
    public static final int EMAILS_MAX = 20;

    private CrmRules() {
    }

    /** The name, trimmed, or a field error on {@code name}. */
    public static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", "name");
        }
        if (trimmed.length() > Contact.NAME_MAX) {
            throw new InvalidInputException("validation.tooLong", "name", Contact.NAME_MAX);
        }
        return trimmed;
    }

    /**
     * The addresses, trimmed, lower-cased as the sync stores them, blanks dropped and repeats removed, in the order
     * given; a field error on {@code emails} naming the first one that is not an address.
     */
    public static List<String> emails(List<String> emails) {
        Set<String> result = new LinkedHashSet<>();
        for (String email : emails == null ? List.<String>of() : emails) {
            String trimmed = email == null ? "" : email.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.length() > CrmEmail.ADDRESS_MAX || !MailboxRules.isAddress(trimmed)) {
                throw new InvalidInputException("validation.mailbox.address", "emails", trimmed);
            }
            result.add(trimmed.toLowerCase(Locale.ROOT));
        }
        if (result.size() > EMAILS_MAX) {
            throw new InvalidInputException("validation.crm.tooManyEmails", "emails", EMAILS_MAX);
        }
        return new ArrayList<>(result);
    }

    /** The LIKE pattern of a search text: lower-cased, wildcards escaped away, {@code %} around. */
    public static String pattern(String search) {
        String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT).replaceAll("[%_\\\\]", "");
        return "%" + text + "%";
    }
}
