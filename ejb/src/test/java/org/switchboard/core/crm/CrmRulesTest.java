package org.switchboard.core.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;

/** MB-04: what a contact or an account may be saved with, without a container. */
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
    @DisplayName("MB-04 a search text becomes a lower-case LIKE pattern without the caller's wildcards")
    void pattern() {
        assertEquals("%acme%", CrmRules.pattern(" ACME "));
        assertEquals("%acme%", CrmRules.pattern("a%c_me"));
        assertEquals("%%", CrmRules.pattern(null));
    }
}
