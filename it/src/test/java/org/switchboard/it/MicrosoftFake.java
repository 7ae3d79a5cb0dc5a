package org.switchboard.it;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.switchboard.core.exchange.EwsFake;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.switchboard.core.exchange.GraphFake;

/**
 * The tests' Microsoft Entra ID and Microsoft Graph (MO-01, MB-02, MB-03): the stateful {@link GraphFake} of the ejb
 * test-jar, started once per test JVM on the port the servers were configured with
 * ({@code switchboard.test.microsoft.port}), and what the tests need around it: a Microsoft 365 provider registered
 * with the fake's Entra ID application, and messages in the fake's mailboxes.
 */
final class MicrosoftFake {

    private static GraphFake fake;
    private static EwsFake ews;

    private MicrosoftFake() {
    }

    /** The fake, started once per test JVM and shared by the test classes that need it. */
    static synchronized GraphFake get() {
        if (fake == null) {
            try {
                fake = new GraphFake(Integer.parseInt(TestSettings.required("switchboard.test.microsoft.port")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("The Microsoft fake could not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
            UsedSecrets.remember(GraphFake.CLIENT_SECRET);
        }
        return fake;
    }

    /**
     * The Exchange Server fake (EWS), started once per test JVM on the port the servers were configured with
     * ({@code switchboard.test.ews.port}) and shared by the test classes that need it.
     */
    static synchronized EwsFake ews() {
        if (ews == null) {
            try {
                ews = new EwsFake(Integer.parseInt(TestSettings.required("switchboard.test.ews.port")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("The EWS fake could not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(ews::close));
        }
        return ews;
    }

    /**
     * MO-01: an Exchange Server provider signing in with Microsoft (hybrid modern authentication) at the EWS fake,
     * with the Entra ID fake's application, and a unique domain of its own.
     */
    static Provider hybridProvider(ApiClient admin) {
        String name = Fixtures.unique("Fabrikam hybrid");
        String domain = Fixtures.unique("fabrikam").toLowerCase() + ".test";
        long id = admin.post("api/v1/mail-providers", Json.createObjectBuilder().add("type", "EXCHANGE")
                .add("name", name).add("exchangeKind", "EXCHANGE_SERVER").add("serviceAddress", ews().url().toString())
                .add("loadMail", true).add("sendMail", true).add("loginFormat", "EMAIL").add("authentication", "OAUTH2")
                .add("oauthTenant", GraphFake.TENANT).add("oauthClientId", GraphFake.CLIENT_ID)
                .add("oauthClientSecret", GraphFake.CLIENT_SECRET).build()).assertCreated().getJsonNumber("id")
                .longValue();
        admin.post("api/v1/mail-provider-domains", Json.createObjectBuilder().add("domain", domain)
                .add("providerId", id).build()).assertCreated();
        return new Provider(id, name, domain);
    }

    /** A Microsoft 365 provider with the fake's Entra ID application, and a unique domain of its own. */
    record Provider(long id, String name, String domain) {
    }

    static Provider provider(ApiClient admin) {
        return provider(admin, "EMAIL");
    }

    /** Like the other, with its login format (MANUAL: the wizard asks whom to sign in as, SM-01). */
    static Provider provider(ApiClient admin, String loginFormat) {
        String name = Fixtures.unique("Contoso 365");
        String domain = Fixtures.unique("contoso").toLowerCase() + ".test";
        long id = admin.post("api/v1/mail-providers", Json.createObjectBuilder().add("type", "EXCHANGE")
                .add("name", name).add("exchangeKind", "MICROSOFT_365").add("loadMail", true).add("sendMail", true)
                .add("loginFormat", loginFormat).add("authentication", "OAUTH2").add("oauthTenant", GraphFake.TENANT)
                .add("oauthClientId", GraphFake.CLIENT_ID).add("oauthClientSecret", GraphFake.CLIENT_SECRET).build())
                .assertCreated().getJsonNumber("id").longValue();
        admin.post("api/v1/mail-provider-domains", Json.createObjectBuilder().add("domain", domain)
                .add("providerId", id).build()).assertCreated();
        return new Provider(id, name, domain);
    }

    /**
     * Connects the address with the mailbox wizard's "Sign in with Microsoft" in the browser, as the user signed in
     * there; returns the mailbox's id.
     */
    static long connect(Pages pages, Browser browser, ApiClient user, String address) {
        pages.open("panel/mailbox-new.xhtml");
        pages.type("wizard:address", address);
        pages.click("wizard:next");
        pages.awaitText("wizard:microsoftHint", "Microsoft");
        pages.click("wizard:signInMicrosoft");
        browser.waitFor().until(ExpectedConditions.urlContains("mailbox-new.xhtml?signIn="));
        pages.awaitText("wizard:connectedText", "The mailbox " + address + " is connected.");
        return user.get("api/v1/mailboxes").array().stream().map(JsonValue::asJsonObject)
                .filter(m -> address.equals(m.getString("address"))).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
    }

    /** A plain text message from bob@example.org with a unique Message-ID; returns its MIME source. */
    static byte[] message(String to, String subject, String text) {
        return ("Message-ID: <" + UUID.randomUUID() + "@example.org>\r\n"
                + "Date: Mon, 04 May 2026 08:00:00 +0000\r\n"
                + "From: Bob <bob@example.org>\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
