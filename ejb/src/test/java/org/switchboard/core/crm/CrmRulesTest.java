package org.switchboard.core.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.crm.ContactAddress;
import org.switchboard.model.crm.ContactPhone;

/** MB-04, EC-01: what a contact or an account may be saved with, without a container. */
class CrmRulesTest {

    @Test
    @DisplayName("MB-04 addresses are trimmed and lower-cased like the sync stores them; blanks and repeats dropped")
    void emailsNormalised() {
        assertEquals(List.of("ann@acme.example", "sales@acme.example"), CrmRules.emails(Arrays.asList(
                " Ann@ACME.example ", "", null, "sales@acme.example", "ann@acme.example")));
        assertEquals(List.of(), CrmRules.emails(null));
    }

    @Test
    @DisplayName("MB-04 a text that is not an address is refused on the emails field, naming it")
    void badEmailRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CrmRules.emails(List.of("ann@acme.example", "ann at acme")));
        assertEquals("validation.mailbox.address", e.getMessageKey());
        assertEquals("emails", e.getField());
        assertEquals(List.of("ann at acme"), e.getArguments());
    }

    @Test
    @DisplayName("MB-04 more than twenty addresses are refused")
    void tooManyEmails() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i <= CrmRules.EMAILS_MAX; i++) {
            emails.add("a" + i + "@acme.example");
        }
        assertEquals("validation.crm.tooManyEmails",
                assertThrows(InvalidInputException.class, () -> CrmRules.emails(emails)).getMessageKey());
    }

    @Test
    @DisplayName("MB-04 a name is required, trimmed and at most 200 characters")
    void name() {
        assertEquals("Ann Lee", CrmRules.name("  Ann Lee "));
        assertEquals("validation.required", assertThrows(InvalidInputException.class, () -> CrmRules.name(" "))
                .getMessageKey());
        assertEquals("validation.tooLong", assertThrows(InvalidInputException.class,
                () -> CrmRules.name("x".repeat(201))).getMessageKey());
    }

    @Test
    @DisplayName("EC-02 a group's or a tag's name is required, one line, trimmed, at most its own length")
    void shortName() {
        assertEquals("Key clients", CrmRules.name(" Key clients ", 100));
        assertEquals(List.of("validation.required", "validation.tooLong", "validation.crm.oneLine"), Stream.of(" ",
                "x".repeat(101), "Key\nclients").map(name -> assertThrows(InvalidInputException.class,
                        () -> CrmRules.name(name, 100))).map(InvalidInputException::getMessageKey).toList());
    }

    @Test
    @DisplayName("MB-04 a search text becomes a lower-case LIKE pattern without the caller's wildcards")
    void pattern() {
        assertEquals("%acme%", CrmRules.pattern(" ACME "));
        assertEquals("%acme%", CrmRules.pattern("a%c_me"));
        assertEquals("%%", CrmRules.pattern(null));
    }

    @Test
    @DisplayName("EC-01 a contact's name is the one typed, else its given and family name joined; none is refused")
    void contactName() {
        assertEquals("Ann Lee", CrmRules.contactName(" Ann Lee ", "Anna", "Leeson"));
        assertEquals("Ann Lee", CrmRules.contactName("", " Ann ", "Lee"));
        assertEquals("Lee", CrmRules.contactName(null, null, "Lee"));
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> CrmRules.contactName(" ", " ", null));
        assertEquals(List.of("validation.required", "name"), List.of(none.getMessageKey(), none.getField()));
    }

    @Test
    @DisplayName("EC-01 one-line details are trimmed, empty is none, a line break or too long a text is refused on "
            + "the field; notes may have several lines")
    void details() {
        assertEquals("Buyer", CrmRules.line(" Buyer ", "jobTitle", 200));
        assertEquals(null, CrmRules.line("  ", "jobTitle", 200));
        InvalidInputException twoLines = assertThrows(InvalidInputException.class,
                () -> CrmRules.line("Head\nof buying", "jobTitle", 200));
        assertEquals(List.of("validation.crm.oneLine", "jobTitle"),
                List.of(twoLines.getMessageKey(), twoLines.getField()));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> CrmRules.line("x".repeat(101), "givenName", 100));
        assertEquals(List.of("validation.tooLong", "givenName", 100),
                List.of(tooLong.getMessageKey(), tooLong.getField(), tooLong.getArguments().get(0)));
        assertEquals("Calls\nafter 10", CrmRules.text(" Calls\nafter 10 ", "notes", 4000));
    }

    @Test
    @DisplayName("EC-01 a birthday may be today or earlier, not a day ahead")
    void birthday() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        assertEquals(today, CrmRules.birthday(today, today));
        assertEquals(null, CrmRules.birthday(null, today));
        assertEquals("validation.crm.birthdayFuture", assertThrows(InvalidInputException.class,
                () -> CrmRules.birthday(today.plusDays(1), today)).getMessageKey());
    }

    @Test
    @DisplayName("EC-01 phones keep their order and kind (any letter case, WORK when none); empty rows are dropped; "
            + "a text that is no number or an unknown kind is refused on that row's field")
    void phones() {
        List<ContactPhone> phones = CrmRules.phones(Arrays.asList(new ContactDraft.Phone("mobile", " +1 (555) 0100 "),
                new ContactDraft.Phone("WORK", ""), null, new ContactDraft.Phone(null, "555-0199 x12")));
        assertEquals(List.of("MOBILE +1 (555) 0100", "WORK 555-0199 x12"),
                phones.stream().map(p -> p.getKind() + " " + p.getNumber()).toList());
        InvalidInputException notNumber = assertThrows(InvalidInputException.class, () -> CrmRules.phones(List.of(
                new ContactDraft.Phone("HOME", "+1 555 0100"), new ContactDraft.Phone("HOME", "call me"))));
        assertEquals(List.of("validation.crm.phone", "phones[1].number", "call me"),
                List.of(notNumber.getMessageKey(), notNumber.getField(), notNumber.getArguments().get(0)));
        InvalidInputException kind = assertThrows(InvalidInputException.class, () -> CrmRules.phones(List.of(
                new ContactDraft.Phone("pager", "+1 555 0100"))));
        assertEquals(List.of("validation.json.choice", "phones[0].kind", "MOBILE, WORK, HOME, FAX, OTHER"),
                List.of(kind.getMessageKey(), kind.getField(), kind.getArguments().get(0)));
        List<ContactDraft.Phone> many = new ArrayList<>();
        for (int i = 0; i <= CrmRules.PHONES_MAX; i++) {
            many.add(new ContactDraft.Phone("WORK", "+1 555 01" + (10 + i)));
        }
        assertEquals("validation.crm.tooManyPhones",
                assertThrows(InvalidInputException.class, () -> CrmRules.phones(many)).getMessageKey());
    }

    @Test
    @DisplayName("EC-01 postal addresses with any part are kept in order with their kind; an empty one is dropped; a "
            + "city of two lines is refused on that row's field")
    void addresses() {
        List<ContactAddress> addresses = CrmRules.addresses(List.of(
                new ContactDraft.PostalAddress("home", "1 Main St\nFlat 2", "Springfield", null, "62701", "USA"),
                new ContactDraft.PostalAddress("OTHER", " ", null, "", null, null)));
        assertEquals(List.of("HOME|1 Main St\nFlat 2|Springfield|null|62701|USA"), addresses.stream()
                .map(a -> String.join("|", a.getKind().name(), a.getStreet(), a.getCity(), String.valueOf(a.getRegion()),
                        a.getPostalCode(), a.getCountry())).toList());
        InvalidInputException city = assertThrows(InvalidInputException.class, () -> CrmRules.addresses(List.of(
                new ContactDraft.PostalAddress("WORK", null, "Spring\nfield", null, null, null))));
        assertEquals(List.of("validation.crm.oneLine", "addresses[0].city"),
                List.of(city.getMessageKey(), city.getField()));
    }
}
