package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mail providers and the lookup "Mail provider domains" over REST on the deployed EAR (MP-01..MP-04, MP-06, MP-09,
 * MP-12, MP-13): the shipped providers, the providers' and domains' life cycle, the refused inputs, who may manage
 * them, and the detection of a new mailbox's provider from its address that every user may ask for.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailProvidersIT {

    private static final String PROVIDERS = "api/v1/mail-providers";
    private static final String DOMAINS = "api/v1/mail-provider-domains";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin() {
        return ApiClient.asAdmin(base);
    }

    /** A new user without any operation. */
    private ApiClient clerk() {
        String login = Fixtures.unique("clerk");
        Fixtures.user(admin(), login);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    private static JsonObjectBuilder imap(String name) {
        return Json.createObjectBuilder().add("type", "IMAP").add("name", name).add("imapHost", "imap.example.com")
                .add("smtpHost", "smtp.example.com");
    }

    private static JsonObject provider(ApiClient client, JsonObjectBuilder body) {
        return client.post(PROVIDERS, body.build()).assertCreated();
    }

    private static JsonObject domain(ApiClient client, String domain, long providerId) {
        return client.post(DOMAINS, Json.createObjectBuilder().add("domain", domain).add("providerId", providerId)
                .build()).assertCreated();
    }

    private static long id(JsonObject record) {
        return record.getJsonNumber("id").longValue();
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).stream().map(v -> ((JsonString) v).getString()).toList();
    }

    private static void assertProblem(int status, String code, String field, ApiResponse response) {
        response.assertProblem(status, code, field);
    }

    @Test
    @DisplayName("MP-06 MP-12 GMail, Yahoo, AOL, Zoho and Outlook / Microsoft 365 ship with their domains; GMail "
            + "with imap.gmail.com 993 SSL/TLS, smtp.gmail.com 465 SSL/TLS, the e-mail as login and its "
            + "app-password page")
    void shippedProviders() {
        ApiResponse list = admin().get(PROVIDERS);
        assertEquals(200, list.status(), list::toString);
        Map<String, JsonObject> byName = new HashMap<>();
        list.array().forEach(p -> byName.put(p.asJsonObject().getString("name"), p.asJsonObject()));

        JsonObject gmail = byName.get("GMail");
        assertEquals("IMAP", gmail.getString("type"));
        assertEquals("imap.gmail.com", gmail.getString("imapHost"));
        assertEquals(993, gmail.getInt("imapPort"));
        assertEquals("SSL_TLS", gmail.getString("imapSecurity"));
        assertTrue(gmail.getBoolean("smtpEnabled"));
        assertEquals("smtp.gmail.com", gmail.getString("smtpHost"));
        assertEquals(465, gmail.getInt("smtpPort"));
        assertEquals("SSL_TLS", gmail.getString("smtpSecurity"));
        assertEquals("EMAIL", gmail.getString("loginFormat"));
        assertEquals("BASIC", gmail.getString("authentication"));
        assertEquals("https://myaccount.google.com/apppasswords", gmail.getString("appPasswordUrl"));
        assertEquals(List.of("gmail.com", "googlemail.com"), strings(gmail, "domains"));
        assertEquals(List.of("rocketmail.com", "yahoo.com", "ymail.com"), strings(byName.get("Yahoo"), "domains"));
        assertEquals(List.of("aol.com"), strings(byName.get("AOL"), "domains"));
        assertEquals(List.of("zoho.com", "zohomail.com"), strings(byName.get("Zoho"), "domains"));
        JsonObject microsoft = byName.get("Outlook / Microsoft 365");
        assertEquals("EXCHANGE", microsoft.getString("type"));
        assertEquals("outlook.office365.com", microsoft.getString("serviceAddress"));
        assertTrue(microsoft.getBoolean("loadMail") && microsoft.getBoolean("sendMail"));
        assertEquals(List.of("hotmail.com", "live.com", "msn.com", "office365.com", "outlook.com"),
                strings(microsoft, "domains"));
    }

    @Test
    @DisplayName("MP-01 MP-13 an IMAP provider is created with the default ports and security, changed with its "
            + "version (SMTP off needs no outgoing server), and deleted with its domains")
    void imapLifecycle() {
        ApiClient admin = admin();
        String name = Fixtures.unique("Example mail");
        JsonObject provider = provider(admin, imap(name));
        assertEquals(993, provider.getInt("imapPort"));
        assertEquals("SSL_TLS", provider.getString("imapSecurity"));
        assertTrue(provider.getBoolean("smtpEnabled"));
        assertEquals(465, provider.getInt("smtpPort"));
        assertEquals("EMAIL", provider.getString("loginFormat"));
        String path = PROVIDERS + "/" + id(provider);
        String domainName = Fixtures.unique("example") + ".org";
        JsonObject domain = domain(admin, domainName, id(provider));

        ApiResponse changed = admin.put(path, Json.createObjectBuilder().add("name", name)
                .add("imapHost", "mail.example.com").add("imapPort", "143").add("imapSecurity", "STARTTLS")
                .add("smtpEnabled", false).add("loginFormat", "MAILBOX_NAME")
                .add("version", provider.getInt("version")).build());
        ApiResponse stale = admin.put(path, imap(name).add("version", provider.getInt("version")).build());

        assertEquals(200, changed.status(), changed::toString);
        assertEquals("mail.example.com", changed.object().getString("imapHost"));
        assertEquals(143, changed.object().getInt("imapPort"));
        assertEquals("STARTTLS", changed.object().getString("imapSecurity"));
        assertFalse(changed.object().getBoolean("smtpEnabled"));
        assertEquals("MAILBOX_NAME", changed.object().getString("loginFormat"));
        assertEquals(List.of(domainName), strings(changed.object(), "domains"));
        assertProblem(409, "error.concurrentChange", null, stale);
        assertEquals(204, admin.delete(path).status());
        assertProblem(404, "error.notFound", null, admin.get(path));
        assertFalse(admin.get(DOMAINS).body().contains("\"" + domainName + "\""), "its domains went with it");
        assertProblem(404, "error.notFound", null, admin.delete(DOMAINS + "/" + id(domain)));
    }

    @Test
    @DisplayName("MP-02 MP-03 MO-01 a Microsoft 365 provider with OAuth 2.0 keeps its tenant and stores its client "
            + "secret without ever returning it; an empty secret on update keeps it; it needs no service address")
    void exchangeWithOauth() {
        ApiClient admin = admin();
        String name = Fixtures.unique("Exchange");
        String secret = Fixtures.unique("s3cret-value");
        JsonObject provider = provider(admin, Json.createObjectBuilder().add("type", "EXCHANGE").add("name", name)
                .add("serviceAddress", "example.exchange.com").add("loadMail", true).add("sendMail", false)
                .add("authentication", "OAUTH2").add("oauthClientId", "client-1").add("oauthClientSecret", secret)
                .add("oauthTenant", "contoso.onmicrosoft.com"));
        String path = PROVIDERS + "/" + id(provider);

        ApiResponse kept = admin.put(path, Json.createObjectBuilder().add("name", name)
                .add("serviceAddress", "example.exchange.com").add("loadMail", true).add("sendMail", true)
                .add("authentication", "OAUTH2").add("oauthClientId", "client-2").add("oauthClientSecret", "")
                .add("oauthTenant", "organizations").add("version", provider.getInt("version")).build());
        ApiResponse neither = admin.put(path, Json.createObjectBuilder().add("name", name)
                .add("serviceAddress", "example.exchange.com").add("loadMail", false).add("sendMail", false)
                .add("version", kept.object().getInt("version")).build());

        assertEquals("EXCHANGE", provider.getString("type"));
        assertEquals("MICROSOFT_365", provider.getString("exchangeKind"));
        assertEquals("contoso.onmicrosoft.com", provider.getString("oauthTenant"));
        assertFalse(provider.containsKey("serviceAddress"), "Graph has one address: " + provider);
        assertEquals("organizations", kept.object().getString("oauthTenant"));
        assertTrue(provider.getBoolean("oauthClientSecretSet"));
        assertFalse(provider.containsKey("oauthClientSecret"), provider::toString);
        assertEquals(200, kept.status(), kept::toString);
        assertEquals("client-2", kept.object().getString("oauthClientId"));
        assertTrue(kept.object().getBoolean("oauthClientSecretSet"), "the stored secret stays");
        assertProblem(400, "validation.mailProvider.loadOrSend", "loadMail", neither);
        for (ApiResponse response : List.of(kept, admin.get(path), admin.get(PROVIDERS),
                admin.get("api/v1/events?type=MailProviderChanged&max=500"))) {
            assertFalse(response.body().contains(secret), "the secret is in " + response);
        }
    }

    @Test
    @DisplayName("MP-01 MP-02 MP-06 bad input is refused with 400 problem+json on the field at fault, and nothing is "
            + "stored")
    void badInputRefused() {
        ApiClient admin = admin();
        String prefix = Fixtures.unique("Refused");
        Map<String, Map.Entry<String, JsonObjectBuilder>> cases = Map.of(
                "imapHost", Map.entry("validation.mailProvider.host",
                        imap(prefix + " at").add("imapHost", "imap@domain.com")),
                "smtpHost", Map.entry("validation.required", imap(prefix + " smtp").add("smtpHost", " ")),
                "imapPort", Map.entry("validation.mailProvider.port", imap(prefix + " port").add("imapPort", 0)),
                "smtpPort", Map.entry("validation.mailProvider.port", imap(prefix + " text").add("smtpPort", "abc")),
                "oauthClientSecret", Map.entry("validation.mailProvider.oauthClientSecret",
                        imap(prefix + " oauth").add("authentication", "OAUTH2").add("oauthClientId", "client")),
                "appPasswordUrl", Map.entry("validation.mailProvider.url",
                        imap(prefix + " url").add("appPasswordUrl", "http://example.com/app")),
                "serviceAddress", Map.entry("validation.required",
                        Json.createObjectBuilder().add("type", "EXCHANGE").add("name", prefix + " ews")
                                .add("exchangeKind", "EXCHANGE_SERVER").add("loadMail", true)),
                "authentication", Map.entry("validation.mailProvider.microsoft365NeedsOAuth",
                        Json.createObjectBuilder().add("type", "EXCHANGE").add("name", prefix + " basic")
                                .add("loadMail", true).add("authentication", "BASIC")),
                "oauthTenant", Map.entry("validation.mailProvider.oauthTenant",
                        Json.createObjectBuilder().add("type", "EXCHANGE").add("name", prefix + " tenant")
                                .add("loadMail", true).add("oauthTenant", "https://login.example.com/x")
                                .add("oauthClientId", "c").add("oauthClientSecret", "s")),
                "name", Map.entry("validation.required", imap(" ")));
        cases.forEach((field, expected) -> assertProblem(400, expected.getKey(), field,
                admin.post(PROVIDERS, expected.getValue().build())));
        JsonObject missingHost = imap(prefix + " none").build();
        ApiResponse noHost = admin.post(PROVIDERS, Json.createObjectBuilder(missingHost).remove("imapHost").build());
        assertProblem(400, "validation.required", "imapHost", noHost);
        assertEquals("Enter a value.", noHost.object().getString("detail"));
        assertProblem(409, "error.mailProvider.nameTaken", "name",
                admin.post(PROVIDERS, imap("gmail").build()));

        assertFalse(admin.get(PROVIDERS).body().contains(prefix), "a refused provider was stored");
    }

    @Test
    @DisplayName("MP-04 a domain is added in lower case; a duplicate is refused naming its provider; it moves to "
            + "another provider and is deleted")
    void domainLifecycle() {
        ApiClient admin = admin();
        JsonObject first = provider(admin, imap(Fixtures.unique("First")));
        JsonObject second = provider(admin, imap(Fixtures.unique("Second")));
        String name = Fixtures.unique("Example") + ".ORG";

        JsonObject domain = domain(admin, "  " + name + " ", id(first));
        ApiResponse twice = admin.post(DOMAINS, Json.createObjectBuilder().add("domain", name.toLowerCase())
                .add("providerId", id(second)).build());
        ApiResponse malformed = admin.post(DOMAINS, Json.createObjectBuilder().add("domain", "user@example.org")
                .add("providerId", id(second)).build());
        ApiResponse noProvider = admin.post(DOMAINS, Json.createObjectBuilder()
                .add("domain", Fixtures.unique("x") + ".org").add("providerId", 987_654_321L).build());
        ApiResponse moved = admin.put(DOMAINS + "/" + id(domain), Json.createObjectBuilder()
                .add("providerId", id(second)).add("version", domain.getInt("version")).build());

        assertEquals(name.toLowerCase(), domain.getString("domain"));
        assertEquals(first.getString("name"), domain.getString("providerName"));
        assertProblem(409, "error.mailProviderDomain.taken", "domain", twice);
        assertTrue(twice.object().getString("detail").contains(first.getString("name")), twice::toString);
        assertProblem(400, "validation.mailProvider.domain", "domain", malformed);
        assertProblem(400, "validation.mailProvider.unknownProvider", "providerId", noProvider);
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(second.getString("name"), moved.object().getString("providerName"));
        assertEquals(List.of(name.toLowerCase()),
                strings(admin.get(PROVIDERS + "/" + id(second)).object(), "domains"));
        assertEquals(204, admin.delete(DOMAINS + "/" + id(domain)).status());
        assertFalse(admin.get(DOMAINS).body().contains(name.toLowerCase()));
    }

    @Test
    @DisplayName("MP-04 any signed-in user detects GMail from Someone@GMail.com, and nothing for an unknown domain")
    void detect() {
        ApiClient clerk = clerk();

        ApiResponse gmail = clerk.get(PROVIDERS + "/detect?address=Someone%40GMail.com");
        ApiResponse unknown = clerk.get(PROVIDERS + "/detect?address=someone%40" + Fixtures.unique("nowhere") + ".org");
        ApiResponse none = clerk.get(PROVIDERS + "/detect?address=");

        assertEquals(200, gmail.status(), gmail::toString);
        assertEquals("GMail", gmail.object().getString("name"));
        assertEquals("imap.gmail.com", gmail.object().getString("imapHost"));
        assertProblem(404, "error.notFound", null, unknown);
        assertProblem(400, "validation.required", "address", none);
    }

    @Test
    @DisplayName("MP-04 issue 18: no user teaches the lookup a domain over REST (only a successful log-in through the "
            + "picked provider does, MailboxesIT): a clerk cannot send a company's addresses to a provider of theirs")
    void nobodyTeachesDomainsOverRest() {
        JsonObject picked = provider(admin(), imap(Fixtures.unique("Picked")));
        ApiClient clerk = clerk();
        String domain = Fixtures.unique("company") + ".org";

        ApiResponse learned = clerk.post(DOMAINS + "/learned", Json.createObjectBuilder().add("domain", domain)
                .add("providerId", id(picked)).build());
        ApiResponse added = clerk.post(DOMAINS, Json.createObjectBuilder().add("domain", domain)
                .add("providerId", id(picked)).build());

        assertTrue(learned.status() == 404 || learned.status() == 405, learned::toString);
        assertEquals(403, added.status(), added::toString);
        assertEquals(404, clerk.get(PROVIDERS + "/detect?address=someone%40" + domain).status());
    }

    @Test
    @DisplayName("MP-09 X-02 a user without CanManageAdministration gets 403 on every managing call, and nothing "
            + "changes")
    void refusedWithoutOperation() {
        JsonObject provider = provider(admin(), imap(Fixtures.unique("Guarded")));
        ApiClient clerk = clerk();
        JsonObject anyBody = imap("x").add("domain", "x.org").add("providerId", id(provider)).add("version", 0)
                .build();

        for (String path : List.of(PROVIDERS, PROVIDERS + "/" + id(provider), DOMAINS)) {
            assertProblem(403, "error.forbidden", null, clerk.get(path));
        }
        for (String path : List.of(PROVIDERS, DOMAINS)) {
            assertProblem(403, "error.forbidden", null, clerk.post(path, anyBody));
            assertProblem(403, "error.forbidden", null, clerk.put(path + "/" + id(provider), anyBody));
            assertProblem(403, "error.forbidden", null, clerk.delete(path + "/" + id(provider)));
        }
        assertEquals(200, admin().get(PROVIDERS + "/" + id(provider)).status(), "nothing changed");
    }
}
