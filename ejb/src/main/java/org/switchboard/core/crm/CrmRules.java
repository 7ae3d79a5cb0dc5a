package org.switchboard.core.crm;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.mailbox.MailboxRules;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.crm.ContactAddress;
import org.switchboard.model.crm.ContactPhone;
import org.switchboard.model.crm.CrmEmail;

/**
 * What a contact or an account may be saved with (MB-04, EC-01), as plain code: a name, valid distinct addresses, and
 * a contact's details within their columns, phones that are phone numbers and kinds the model knows. Each refusal
 * names its field the way the REST body does ({@code phones[1].kind}), so the card and the API show it in place.
 */
public final class CrmRules {

    /** How many addresses one contact or account may hold. */
    public static final int EMAILS_MAX = 20;
    /** How many phones, and how many postal addresses, one contact may hold. */
    public static final int PHONES_MAX = 20;
    public static final int ADDRESSES_MAX = 10;

    /** Digits and what people write between them; {@code x} or {@code ext} before an extension. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9()][0-9 ()./-]*((x|ext\\.?)\\s*[0-9]+)?",
            Pattern.CASE_INSENSITIVE);

    private CrmRules() {
    }

    /** The name, trimmed, or a field error on {@code name}. */
    public static String name(String name) {
        return name(name, Contact.NAME_MAX, false);
    }

    /** A required one-line name of at most {@code max} characters, trimmed (a group's, a tag's); field {@code name}. */
    public static String name(String name, int max) {
        return name(name, max, true);
    }

    private static String name(String name, int max, boolean oneLine) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", "name");
        }
        if (trimmed.length() > max) {
            throw new InvalidInputException("validation.tooLong", "name", max);
        }
        if (oneLine && trimmed.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new InvalidInputException("validation.crm.oneLine", "name");
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

    /**
     * The name a contact is saved with: the one typed, or else the given and family name joined; a field error on
     * {@code name} when there is none of them.
     */
    public static String contactName(String name, String givenName, String familyName) {
        String typed = name == null ? "" : name.strip();
        if (typed.isEmpty()) {
            typed = Stream.of(givenName, familyName).filter(part -> part != null && !part.isBlank())
                    .map(String::strip).collect(Collectors.joining(" "));
        }
        return name(typed);
    }

    /** A one-line text field: trimmed, {@code null} when empty, a field error when longer than {@code max}. */
    public static String line(String value, String field, int max) {
        String text = text(value, field, max);
        if (text != null && text.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new InvalidInputException("validation.crm.oneLine", field);
        }
        return text;
    }

    /** A text that may have several lines: trimmed, {@code null} when empty, a field error when too long. */
    public static String text(String value, String field, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            throw new InvalidInputException("validation.tooLong", field, max);
        }
        return text;
    }

    /** A birthday, not after today. */
    public static LocalDate birthday(LocalDate birthday, LocalDate today) {
        if (birthday != null && birthday.isAfter(today)) {
            throw new InvalidInputException("validation.crm.birthdayFuture", "birthday");
        }
        return birthday;
    }

    /** The phones with a number, in the order given, each with a known kind (WORK when none is given). */
    public static List<ContactPhone> phones(List<ContactDraft.Phone> phones) {
        List<ContactPhone> result = new ArrayList<>();
        List<ContactDraft.Phone> given = phones == null ? List.of() : phones;
        for (int i = 0; i < given.size(); i++) {
            ContactDraft.Phone phone = given.get(i);
            String field = "phones[" + i + "]";
            String number = phone == null ? null : line(phone.number(), field + ".number", ContactPhone.NUMBER_MAX);
            if (number == null) {
                continue;
            }
            if (!PHONE.matcher(number).matches() || number.chars().filter(Character::isDigit).count() < 3) {
                throw new InvalidInputException("validation.crm.phone", field + ".number", number);
            }
            result.add(new ContactPhone(kind(ContactPhone.Kind.class, phone.kind(), ContactPhone.Kind.WORK,
                    field + ".kind"), number));
        }
        if (result.size() > PHONES_MAX) {
            throw new InvalidInputException("validation.crm.tooManyPhones", "phones", PHONES_MAX);
        }
        return result;
    }

    /** The postal addresses with at least one part, in the order given, each with a known kind (WORK by default). */
    public static List<ContactAddress> addresses(List<ContactDraft.PostalAddress> addresses) {
        List<ContactAddress> result = new ArrayList<>();
        List<ContactDraft.PostalAddress> given = addresses == null ? List.of() : addresses;
        for (int i = 0; i < given.size(); i++) {
            ContactDraft.PostalAddress address = given.get(i);
            if (address == null) {
                continue;
            }
            String field = "addresses[" + i + "]";
            String street = text(address.street(), field + ".street", ContactAddress.STREET_MAX);
            String city = line(address.city(), field + ".city", ContactAddress.CITY_MAX);
            String region = line(address.region(), field + ".region", ContactAddress.REGION_MAX);
            String postalCode = line(address.postalCode(), field + ".postalCode", ContactAddress.POSTAL_CODE_MAX);
            String country = line(address.country(), field + ".country", ContactAddress.COUNTRY_MAX);
            if (Stream.of(street, city, region, postalCode, country).allMatch(part -> part == null)) {
                continue;
            }
            result.add(new ContactAddress(kind(ContactAddress.Kind.class, address.kind(), ContactAddress.Kind.WORK,
                    field + ".kind"), street, city, region, postalCode, country));
        }
        if (result.size() > ADDRESSES_MAX) {
            throw new InvalidInputException("validation.crm.tooManyAddresses", "addresses", ADDRESSES_MAX);
        }
        return result;
    }

    static <E extends Enum<E>> E kind(Class<E> kinds, String kind, E otherwise, String field) {
        if (kind == null || kind.isBlank()) {
            return otherwise;
        }
        for (E known : kinds.getEnumConstants()) {
            if (known.name().equalsIgnoreCase(kind.strip())) {
                return known;
            }
        }
        throw new InvalidInputException("validation.json.choice", field, Arrays.stream(kinds.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** The LIKE pattern of a search text: lower-cased, wildcards escaped away, {@code %} around. */
    public static String pattern(String search) {
        String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT).replaceAll("[%_\\\\]", "");
        return "%" + text + "%";
    }
}
