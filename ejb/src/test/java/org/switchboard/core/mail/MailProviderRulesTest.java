package org.switchboard.core.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;

/** The input rules of mail providers and their domains (MP-01..MP-04, MP-06, MP-13). */
class MailProviderRulesTest {

    private static InvalidInputException refused(String key, String field, Runnable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertEquals(key, e.getMessageKey());
        assertEquals(field, e.getField());
        return e;
    }

    /** An IMAP provider with only what is required; the rest takes its defaults. */
    private static MailProviderDraft imap(String imapHost, String smtpHost) {
        return new MailProviderDraft(MailProviderType.IMAP, "Example mail", imapHost, null, null, null, smtpHost,
                null, null, null, false, false, null, null, null, null, null);
    }

    /** An Exchange Server provider signing in with Basic. */
    private static MailProviderDraft exchange(String address, boolean load, boolean send) {
        return new MailProviderDraft(MailProviderType.EXCHANGE, "Exchange", null, null, null, null, null, null, null,
                address, load, send, LoginFormat.MANUAL, MailAuthentication.BASIC, null, null, null,
                ExchangeKind.EXCHANGE_SERVER, null, null);
    }

    /** A Microsoft 365 provider with its OAuth client in that tenant. */
    private static MailProviderDraft microsoft365(MailAuthentication authentication, String tenant) {
        return new MailProviderDraft(MailProviderType.EXCHANGE, "Contoso 365", null, null, null, null, null, null,
                null, null, true, true, LoginFormat.EMAIL, authentication, "client-1", "s3cret", null,
                ExchangeKind.MICROSOFT_365, tenant, null);
    }

    private static MailProviderDraft oauth(MailProviderDraft draft, String clientId, String secret) {
        return new MailProviderDraft(draft.type(), draft.name(), draft.imapHost(), draft.imapPort(),
                draft.imapSecurity(), draft.smtpEnabled(), draft.smtpHost(), draft.smtpPort(), draft.smtpSecurity(),
                draft.serviceAddress(), draft.loadMail(), draft.sendMail(), draft.loginFormat(),
                MailAuthentication.OAUTH2, clientId, secret, draft.appPasswordUrl(), draft.exchangeKind(),
                "contoso.onmicrosoft.com", draft.ntlmDomain());
    }

    private static MailProviderDraft check(MailProviderDraft draft) {
        return MailProviderRules.check(draft, draft.type(), false);
    }

    @Test
    @DisplayName("MP-01 MP-02 MP-13 an IMAP provider takes 993 and 465 with SSL/TLS, SMTP on, e-mail login and Basic "
            + "by default, texts trimmed")
    void imapDefaults() {
        MailProviderDraft checked = check(imap(" imap.example.com ", "smtp.example.com"));

        assertEquals("Example mail", checked.name());
        assertEquals("imap.example.com", checked.imapHost());
        assertEquals(993, checked.imapPort());
        assertEquals(MailSecurity.SSL_TLS, checked.imapSecurity());
        assertTrue(checked.smtpEnabled());
        assertEquals("smtp.example.com", checked.smtpHost());
        assertEquals(465, checked.smtpPort());
        assertEquals(MailSecurity.SSL_TLS, checked.smtpSecurity());
        assertEquals(LoginFormat.EMAIL, checked.loginFormat());
        assertEquals(MailAuthentication.BASIC, checked.authentication());
        assertNull(checked.serviceAddress());
    }

    @Test
    @DisplayName("MP-01 plain ports and STARTTLS are kept as given")
    void imapPlainPorts() {
        MailProviderDraft draft = new MailProviderDraft(MailProviderType.IMAP, "Plain", "imap.example.com", 143,
                MailSecurity.NONE, true, "smtp.example.com", 587, MailSecurity.STARTTLS, null, false, false,
                LoginFormat.MAILBOX_NAME, MailAuthentication.BASIC, null, null, null);

        MailProviderDraft checked = check(draft);

        assertEquals(143, checked.imapPort());
        assertEquals(MailSecurity.NONE, checked.imapSecurity());
        assertEquals(587, checked.smtpPort());
        assertEquals(MailSecurity.STARTTLS, checked.smtpSecurity());
        assertEquals(LoginFormat.MAILBOX_NAME, checked.loginFormat());
    }

    @Test
    @DisplayName("MP-01 the type and the service name are required")
    void typeAndNameRequired() {
        refused("validation.required", "type", () -> MailProviderRules.check(imap("imap.example.com", "smtp.x.com"),
                null, false));
        MailProviderDraft noName = new MailProviderDraft(MailProviderType.IMAP, "  ", "imap.example.com", null, null,
                null, "smtp.example.com", null, null, null, false, false, null, null, null, null, null);
        refused("validation.required", "name", () -> check(noName));
        MailProviderDraft longName = new MailProviderDraft(MailProviderType.IMAP, "x".repeat(101), "imap.example.com",
                null, null, null, "smtp.example.com", null, null, null, false, false, null, null, null, null, null);
        refused("validation.tooLong", "name", () -> check(longName));
    }

    @Test
    @DisplayName("MP-01 the incoming server is required")
    void imapHostRequired() {
        refused("validation.required", "imapHost", () -> check(imap(null, "smtp.example.com")));
        refused("validation.required", "imapHost", () -> check(imap("  ", "smtp.example.com")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"imap@domain.com", "imap .domain.com", "imaps://imap.domain.com", "imap.domain.com/inbox",
            "imap.domain.com:993", "-imap.domain.com", "imap..domain.com", "imap_domain.com"})
    @DisplayName("MP-01 an incoming server with @, a space, a scheme, a port or a path is not a host name")
    void imapHostNotAHostName(String host) {
        refused("validation.mailProvider.host", "imapHost", () -> check(imap(host, "smtp.example.com")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"imap.gmail.com", "mail", "outlook.office365.com", "10.0.0.25", "mx-1.example.co.uk"})
    @DisplayName("MP-01 host names and addresses are taken")
    void hostNamesTaken(String host) {
        assertEquals(host, MailProviderRules.host(host, "imapHost"));
    }

    @Test
    @DisplayName("MP-01 ports outside 1..65535 are refused on their field")
    void portsInRange() {
        MailProviderDraft zero = new MailProviderDraft(MailProviderType.IMAP, "P", "imap.example.com", 0, null, null,
                "smtp.example.com", null, null, null, false, false, null, null, null, null, null);
        MailProviderDraft tooHigh = new MailProviderDraft(MailProviderType.IMAP, "P", "imap.example.com", 993, null,
                null, "smtp.example.com", 65_536, null, null, false, false, null, null, null, null, null);

        refused("validation.mailProvider.port", "imapPort", () -> check(zero));
        refused("validation.mailProvider.port", "smtpPort", () -> check(tooHigh));
        assertEquals(1, MailProviderRules.port(1, "imapPort", 993));
        assertEquals(65_535, MailProviderRules.port(65_535, "imapPort", 993));
    }

    @Test
    @DisplayName("MP-01 a port typed as text: empty is not given, whole numbers are taken, anything else refused")
    void portsAsText() {
        assertNull(MailProviderRules.port(" ", "smtpPort"));
        assertNull(MailProviderRules.port((String) null, "smtpPort"));
        assertEquals(587, MailProviderRules.port(" 587 ", "smtpPort"));
        for (String bad : new String[] {"abc", "1.5", "-1", "0", "65536", "9999999999"}) {
            refused("validation.mailProvider.port", "smtpPort", () -> MailProviderRules.port(bad, "smtpPort"));
        }
    }

    @Test
    @DisplayName("MP-13 with SMTP on the outgoing server is required; with SMTP off it is not")
    void smtpHostOnlyWhenEnabled() {
        refused("validation.required", "smtpHost", () -> check(imap("imap.example.com", null)));
        MailProviderDraft off = new MailProviderDraft(MailProviderType.IMAP, "Receive only", "imap.example.com", null,
                null, false, null, null, null, null, false, false, null, null, null, null, null);

        MailProviderDraft checked = check(off);

        assertFalse(checked.smtpEnabled());
        assertNull(checked.smtpHost());
    }

    @Test
    @DisplayName("MP-13 with SMTP off an outgoing server given is still checked and kept")
    void smtpHostKeptWhenDisabled() {
        MailProviderDraft off = new MailProviderDraft(MailProviderType.IMAP, "Receive only", "imap.example.com", null,
                null, false, "smtp.example.com", null, null, null, false, false, null, null, null, null, null);
        MailProviderDraft bad = new MailProviderDraft(MailProviderType.IMAP, "Receive only", "imap.example.com", null,
                null, false, "smtp@example.com", null, null, null, false, false, null, null, null, null, null);

        assertEquals("smtp.example.com", check(off).smtpHost());
        refused("validation.mailProvider.host", "smtpHost", () -> check(bad));
    }

    @Test
    @DisplayName("MP-03 an Exchange provider needs its service address and drops the IMAP part")
    void exchangeNeedsAddress() {
        refused("validation.required", "serviceAddress", () -> check(exchange(null, true, true)));
        refused("validation.mailProvider.ewsAddress", "serviceAddress",
                () -> check(exchange("exchange@example.com", true, true)));
        refused("validation.mailProvider.ewsAddress", "serviceAddress",
                () -> check(exchange("http://mail.example.com/EWS/Exchange.asmx", true, true)));

        MailProviderDraft checked = check(exchange("example.exchange.com", true, false));

        assertEquals("example.exchange.com", checked.serviceAddress());
        assertTrue(checked.loadMail());
        assertFalse(checked.sendMail());
        assertNull(checked.imapHost());
        assertNull(checked.imapPort());
        assertFalse(checked.smtpEnabled());
        assertEquals(LoginFormat.MANUAL, checked.loginFormat());
    }

    @Test
    @DisplayName("MP-03 an Exchange Server's EWS address is its name or its https endpoint (plain http only to this "
            + "machine), and its endpoint is built from a name")
    void exchangeServerAddress() {
        assertEquals("https://mail.example.com/EWS/Exchange.asmx",
                check(exchange("https://mail.example.com/EWS/Exchange.asmx", true, true)).serviceAddress());
        assertEquals("http://localhost:8443/EWS/Exchange.asmx",
                check(exchange("http://localhost:8443/EWS/Exchange.asmx", true, true)).serviceAddress());
        assertEquals("https://mail.example.com/EWS/Exchange.asmx",
                MailProviderRules.ewsEndpoint("mail.example.com").toString());
        assertEquals("https://ews.example.com/custom/Exchange.asmx",
                MailProviderRules.ewsEndpoint("https://ews.example.com/custom/Exchange.asmx").toString());
    }

    @Test
    @DisplayName("MP-03 MO-01 Microsoft 365 needs no service address, signs in with OAuth 2.0 only (its default) and "
            + "names its Entra ID tenant: an id, a domain or organizations")
    void microsoft365() {
        MailProviderDraft checked = check(microsoft365(null, " organizations "));
        assertEquals(ExchangeKind.MICROSOFT_365, checked.exchangeKind());
        assertEquals(MailAuthentication.OAUTH2, checked.authentication());
        assertEquals("organizations", checked.oauthTenant());
        assertNull(checked.serviceAddress());
        assertTrue(checked.smtpEnabled(), "MP-13: its mailboxes send (over Graph)");
        assertEquals("contoso.onmicrosoft.com", check(microsoft365(null, "contoso.onmicrosoft.com")).oauthTenant());
        assertEquals("72f988bf-86f1-41af-91ab-2d7cd011db47",
                check(microsoft365(null, "72f988bf-86f1-41af-91ab-2d7cd011db47")).oauthTenant());

        refused("validation.mailProvider.microsoft365NeedsOAuth", "authentication",
                () -> check(microsoft365(MailAuthentication.BASIC, "organizations")));
        refused("validation.required", "oauthTenant", () -> check(microsoft365(null, " ")));
        refused("validation.mailProvider.oauthTenant", "oauthTenant",
                () -> check(microsoft365(null, "https://login.microsoftonline.com/contoso")));
    }

    @Test
    @DisplayName("MP-02 an Exchange Server with Basic keeps its NTLM domain; other kinds drop it")
    void ntlmDomain() {
        MailProviderDraft server = exchange("mail.example.com", true, true);
        MailProviderDraft withDomain = new MailProviderDraft(server.type(), server.name(), null, null, null, null,
                null, null, null, server.serviceAddress(), true, true, LoginFormat.MANUAL, MailAuthentication.BASIC,
                null, null, null, ExchangeKind.EXCHANGE_SERVER, null, " CONTOSO ");
        assertEquals("CONTOSO", check(withDomain).ntlmDomain());
        assertNull(check(oauth(withDomain, "client-1", "s3cret")).ntlmDomain());
    }

    @Test
    @DisplayName("MP-03 an Exchange provider loads or sends e-mails, at least one")
    void exchangeLoadsOrSends() {
        refused("validation.mailProvider.loadOrSend", "loadMail",
                () -> check(exchange("example.exchange.com", false, false)));
        assertTrue(check(exchange("example.exchange.com", false, true)).sendMail());
    }

    @Test
    @DisplayName("MP-02 OAuth 2.0 needs the client id and the client secret")
    void oauthNeedsClient() {
        MailProviderDraft base = imap("imap.example.com", "smtp.example.com");

        refused("validation.mailProvider.oauthClientId", "oauthClientId", () -> check(oauth(base, null, "s3cret")));
        refused("validation.mailProvider.oauthClientId", "oauthClientId", () -> check(oauth(base, " ", "s3cret")));
        refused("validation.mailProvider.oauthClientSecret", "oauthClientSecret",
                () -> check(oauth(base, "client-1", null)));
        refused("validation.tooLong", "oauthClientSecret", () -> check(oauth(base, "client-1", "s".repeat(501))));

        MailProviderDraft checked = check(oauth(base, " client-1 ", " s3cret "));

        assertEquals("client-1", checked.oauthClientId());
        assertEquals("s3cret", checked.oauthClientSecret());
    }

    @Test
    @DisplayName("MP-02 on an update an empty client secret keeps the stored one")
    void oauthSecretKept() {
        MailProviderDraft draft = oauth(exchange("outlook.office365.com", true, true), "client-1", "");

        MailProviderDraft checked = MailProviderRules.check(draft, MailProviderType.EXCHANGE, true);

        assertEquals("client-1", checked.oauthClientId());
        assertNull(checked.oauthClientSecret(), "null: keep the stored secret");
    }

    @Test
    @DisplayName("MP-02 Basic authentication drops an OAuth client given with it")
    void basicDropsClient() {
        MailProviderDraft given = new MailProviderDraft(MailProviderType.IMAP, "P", "imap.example.com", null, null,
                null, "smtp.example.com", null, null, null, false, false, null, MailAuthentication.BASIC, "client-1",
                "s3cret", null);

        MailProviderDraft checked = check(given);

        assertNull(checked.oauthClientId());
        assertNull(checked.oauthClientSecret());
    }

    @Test
    @DisplayName("MP-02 the draft never prints its client secret")
    void secretNotPrinted() {
        MailProviderDraft draft = oauth(imap("imap.example.com", "smtp.example.com"), "client-1", "s3cret");

        assertFalse(draft.toString().contains("s3cret"), draft::toString);
    }

    @Test
    @DisplayName("MP-06 the app-password page is an optional https address")
    void appPasswordUrl() {
        assertNull(MailProviderRules.httpsUrl("  ", "appPasswordUrl"));
        assertEquals("https://myaccount.google.com/apppasswords",
                MailProviderRules.httpsUrl(" https://myaccount.google.com/apppasswords ", "appPasswordUrl"));
        for (String bad : new String[] {"http://example.com/app", "myaccount.google.com", "https://", "ftp://x.com",
                "https://exa mple.com"}) {
            refused("validation.mailProvider.url", "appPasswordUrl",
                    () -> MailProviderRules.httpsUrl(bad, "appPasswordUrl"));
        }
    }

    @Test
    @DisplayName("MP-04 a domain is stored in lower case and must be a domain name")
    void domains() {
        assertEquals("example.com", MailProviderRules.domain(" Example.COM "));
        assertEquals("mail.example.co.uk", MailProviderRules.domain("mail.example.co.uk"));
        refused("validation.required", "domain", () -> MailProviderRules.domain(" "));
        for (String bad : new String[] {"localhost", "@example.com", "user@example.com", "example .com",
                "https://example.com", "example.123", "-example.com"}) {
            refused("validation.mailProvider.domain", "domain", () -> MailProviderRules.domain(bad));
        }
    }

    @Test
    @DisplayName("MP-04 an address's domain is found without case; an address without a valid domain has none")
    void domainOfAddress() {
        assertEquals(Optional.of("gmail.com"), MailProviderRules.domainOf(" Someone@GMail.com "));
        assertEquals(Optional.of("example.org"), MailProviderRules.domainOf("\"a@b\"@example.org"));
        assertEquals(Optional.empty(), MailProviderRules.domainOf("someone"));
        assertEquals(Optional.empty(), MailProviderRules.domainOf("someone@"));
        assertEquals(Optional.empty(), MailProviderRules.domainOf("@gmail.com"));
        assertEquals(Optional.empty(), MailProviderRules.domainOf("someone@local host"));
        assertEquals(Optional.empty(), MailProviderRules.domainOf(null));
    }
}
