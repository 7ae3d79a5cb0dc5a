package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.common.AesGcm;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mailbox.LoadPeriod;
import org.switchboard.model.mailbox.Mailbox;

/** MB-01, MP-02, MB-08: the wizard's input rules and the load period, without a container. */
class MailboxRulesTest {

    @Test
    @DisplayName("MB-01 an address is trimmed and lower-cased")
    void addressNormalised() {
        assertEquals("anna.k+crm@mail.example.org", MailboxRules.address("  Anna.K+CRM@Mail.Example.ORG "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna", "anna@", "@example.org", "anna@example", "an na@example.org",
            "anna@@example.org", "anna@-example.org", "<anna@example.org>"})
    @DisplayName("MB-01 what is not an address is refused on the address field")
    void addressRefused(String address) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MailboxRules.address(address));
        assertEquals("validation.mailbox.address", e.getMessageKey());
        assertEquals("address", e.getField());
    }

    @Test
    @DisplayName("MB-01 an empty address is required")
    void addressRequired() {
        assertEquals("validation.required",
                assertThrows(InvalidInputException.class, () -> MailboxRules.address(" ")).getMessageKey());
    }

    @Test
    @DisplayName("MP-02 the log-in follows the provider's login format")
    void loginByFormat() {
        assertEquals("anna@example.org", MailboxRules.login(LoginFormat.EMAIL, "anna@example.org", "ignored"));
        assertEquals("anna", MailboxRules.login(LoginFormat.MAILBOX_NAME, "anna@example.org", null));
        assertEquals("DOMAIN\\anna", MailboxRules.login(LoginFormat.MANUAL, "anna@example.org", " DOMAIN\\anna "));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> MailboxRules.login(LoginFormat.MANUAL, "anna@example.org", ""));
        assertEquals("login", missing.getField());
    }

    @Test
    @DisplayName("MB-07 a password is required and kept as typed, spaces included")
    void password() {
        assertEquals(" pass word ", MailboxRules.password(" pass word "));
        assertEquals("password", assertThrows(InvalidInputException.class, () -> MailboxRules.password(""))
                .getField());
    }

    @Test
    @DisplayName("X-02 issue 18: a password longer than 200 characters is refused on the password field, before any "
            + "server is asked; 200 characters of any kind fit the stored column once encrypted")
    void passwordLength() {
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> MailboxRules.password("p".repeat(1_000_000)));
        assertEquals(List.of("validation.password.tooLong", "password", List.of(MailboxRules.PASSWORD_MAX)),
                List.of(tooLong.getMessageKey(), tooLong.getField(), tooLong.getArguments()));
        AesGcm aes = new AesGcm(Base64.getEncoder().encodeToString(new byte[32]));
        // Three UTF-8 bytes a character (the most a char takes; a surrogate pair takes four for two).
        for (String widest : List.of("\u20ac".repeat(MailboxRules.PASSWORD_MAX),
                "\ud83d\ude00".repeat(MailboxRules.PASSWORD_MAX / 2))) {
            assertEquals(widest, MailboxRules.password(widest));
            assertTrue(aes.encrypt(widest).length() <= Mailbox.PASSWORD_STORED_MAX);
        }
    }

    @Test
    @DisplayName("MB-02 MB-08 the load period counts back from now; ALL has no start")
    void loadPeriod() {
        OffsetDateTime now = OffsetDateTime.of(2026, 11, 26, 12, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(now.minusWeeks(1), LoadPeriod.WEEK.since(now));
        assertEquals(now.minusMonths(3), LoadPeriod.THREE_MONTHS.since(now));
        assertNull(LoadPeriod.ALL.since(now));
    }

    @Test
    @DisplayName("MB-11 a signature keeps formatting, links and pasted pictures, and loses scripts and handlers")
    void signatureSanitized() {
        String pasted = "data:image/png;base64,iVBORw0KGgo=";
        String kept = MailboxRules.settings(new MailboxSettingsDraft(LoadPeriod.WEEK, true, true, Set.of(), true,
                false, false, null, true, "<p><strong>Anna</strong> <em>Sales</em></p>"
                        + "<p><a href=\"https://acme.example\">acme</a><img src=\"" + pasted + "\" alt=\"logo\"></p>"
                        + "<script>alert(1)</script><img src=\"x\" onerror=\"alert(2)\">"
                        + "<a href=\"javascript:alert(3)\">x</a><img src=\"data:text/html;base64,PHNjcmlwdD4=\">",
                null))
                .signatureHtml();

        assertTrue(kept.contains("<strong>Anna</strong>"), kept);
        assertTrue(kept.contains("href=\"https://acme.example\""), kept);
        // The sanitizer writes the base64 padding as &#61;, which the browser reads back as '='.
        assertTrue(kept.contains("src=\"data:image/png;base64,iVBORw0KGgo"), kept);
        assertFalse(kept.contains("script"), kept);
        assertFalse(kept.contains("onerror"), kept);
        assertFalse(kept.contains("javascript"), kept);
        assertFalse(kept.contains("data:text"), kept);
    }

    @Test
    @DisplayName("MB-02 the period of the first load is fixed once mail has been loaded: a change is refused on "
            + "loadPeriod; before the first sync, or unchanged, it is fine")
    void loadPeriodFixedAfterFirstSync() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MailboxRules.loadPeriodChange(LoadPeriod.WEEK, LoadPeriod.MONTH, true));
        assertEquals(List.of("validation.mailbox.loadPeriodFixed", "loadPeriod"),
                List.of(e.getMessageKey(), e.getField()));
        MailboxRules.loadPeriodChange(LoadPeriod.WEEK, LoadPeriod.WEEK, true);
        MailboxRules.loadPeriodChange(LoadPeriod.WEEK, LoadPeriod.ALL, false);
    }
}
