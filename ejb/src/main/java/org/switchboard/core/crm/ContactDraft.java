package org.switchboard.core.crm;

import java.time.LocalDate;
import java.util.List;

/**
 * A contact as typed on its card or posted over REST (MB-04, EC-01). {@code name} may be left empty when a given or
 * family name is given: the two joined are then the name. Kinds are checked by {@link CrmRules} (one of the model's
 * kinds, any letter case), so a wrong one is a message on its field rather than an unreadable body. {@code groupIds}
 * and {@code tagIds} replace the contact's groups and the tags the caller sees (others' personal tags stay); null
 * leaves them as they are.
 */
public record ContactDraft(String name, String givenName, String familyName, String jobTitle, String companyName,
        Long accountId, List<String> emails, List<Phone> phones, List<PostalAddress> addresses, LocalDate birthday,
        String notes, Long categoryId, List<Long> groupIds, List<Long> tagIds) {

    /** A draft that leaves the contact's groups and tags as they are (the syncs, the chats). */
    public ContactDraft(String name, String givenName, String familyName, String jobTitle, String companyName,
            Long accountId, List<String> emails, List<Phone> phones, List<PostalAddress> addresses,
            LocalDate birthday, String notes, Long categoryId) {
        this(name, givenName, familyName, jobTitle, companyName, accountId, emails, phones, addresses, birthday, notes,
                categoryId, null, null);
    }

    /** A phone number and its kind (MOBILE, WORK, HOME, FAX, OTHER). */
    public record Phone(String kind, String number) {
    }

    /** A postal address and its kind (WORK, HOME, OTHER); at least one of its parts. */
    public record PostalAddress(String kind, String street, String city, String region, String postalCode,
            String country) {
    }

    /** A contact of a name, an account and addresses only, as the chats and e-mail links create them. */
    public static ContactDraft of(String name, Long accountId, List<String> emails) {
        return new ContactDraft(name, null, null, null, null, accountId, emails, List.of(), List.of(), null, null,
                null);
    }
}
