package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E-mails linked to contacts and accounts by address, on the deployed EAR against GreenMail (MB-04): a contact's
 * timeline holds the mail carrying its addresses, an account's also its contacts'; an address added later links the
 * mail loaded before; an e-mail names the records it is linked to; a colleague sees none of another's personal mail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrmTimelineIT {

    private static final String SECRET = "Mail-Secret-1";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin() {
        return ApiClient.asAdmin(base);
    }

    private ApiClient newUser() {
        String login = Fixtures.unique("crm");
        Fixtures.user(admin(), login);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    @Test
    @DisplayName("MB-04 loaded e-mails are linked by address: the contact's timeline holds its mail, the account's "
            + "its own and its contacts', an address added later links older mail, each e-mail names its records")
    void linkedByAddress() throws MessagingException {
        String tag = Fixtures.unique("acme").toLowerCase();
        String ann = "ann@" + tag + ".test";
        String sales = "sales@" + tag + ".test";
        String carl = "carl@" + tag + ".test";
        ApiClient user = newUser();
        long mailbox = syncedMailbox(user, Map.of("Offer from Ann", ann, "Order from sales", sales,
                "Note from Carl", carl));

        long account = create(user, "api/v1/accounts", Json.createObjectBuilder().add("name", "Acme " + tag)
                .add("emails", Json.createArrayBuilder().add(" Sales@" + tag.toUpperCase() + ".test ")));
        long contact = create(user, "api/v1/contacts", Json.createObjectBuilder().add("name", "Ann Lee")
                .add("accountId", account).add("emails", Json.createArrayBuilder().add(ann)));

        assertEquals(List.of("Offer from Ann"), subjects(user, "api/v1/contacts/" + contact + "/timeline"));
        assertEquals(List.of("Order from sales", "Offer from Ann"),
                subjects(user, "api/v1/accounts/" + account + "/timeline"));
        long annMail = idOf(user, mailbox, "Offer from Ann");
        assertEquals(List.of("CONTACT Ann Lee " + ann), links(user, annMail));
        assertEquals(List.of("ACCOUNT Acme " + tag + " " + sales),
                links(user, idOf(user, mailbox, "Order from sales")));
        assertEquals("Offer from Ann", user.get("api/v1/emails/" + annMail).object().getString("subject"));

        JsonObject current = user.get("api/v1/contacts/" + contact).object();
        user.put("api/v1/contacts/" + contact, Json.createObjectBuilder().add("name", "Ann Lee")
                .add("accountId", account).add("emails", Json.createArrayBuilder().add(ann).add(carl))
                .add("version", current.getJsonNumber("version").longValue()).build()).object();
        assertEquals(List.of("Offer from Ann", "Note from Carl"),
                subjects(user, "api/v1/contacts/" + contact + "/timeline"), "mail loaded before is linked too");
        assertEquals(List.of("Order from sales", "Offer from Ann", "Note from Carl"),
                subjects(user, "api/v1/accounts/" + account + "/timeline"));
        assertEquals(List.of(contact), user.get("api/v1/contacts?search=" + tag).array().stream()
                .map(c -> c.asJsonObject().getJsonNumber("id").longValue()).toList(), "found by a part of an address");
    }

    @Test
    @DisplayName("MB-04 SM-03 a colleague sees the same contact but none of another user's personal mail: empty "
            + "timeline, 404 on the e-mail, its links and its files")
    void othersMailStaysTheirs() throws MessagingException {
        String tag = Fixtures.unique("beta").toLowerCase();
        String dana = "dana@" + tag + ".test";
        ApiClient owner = newUser();
        long mailbox = syncedMailbox(owner, Map.of("Private offer", dana));
        long contact = create(owner, "api/v1/contacts", Json.createObjectBuilder().add("name", "Dana")
                .add("emails", Json.createArrayBuilder().add(dana)));
        long email = idOf(owner, mailbox, "Private offer");
        ApiClient colleague = newUser();

        assertEquals("Dana", colleague.get("api/v1/contacts/" + contact).object().getString("name"));
        assertEquals(List.of(), subjects(colleague, "api/v1/contacts/" + contact + "/timeline"));
        assertEquals(404, colleague.get("api/v1/emails/" + email).status());
        assertEquals(404, colleague.get("api/v1/emails/" + email + "/links").status());
        assertEquals(List.of("Private offer"), subjects(owner, "api/v1/contacts/" + contact + "/timeline"));
    }

    @Test
    @DisplayName("MB-04 bad input is refused on its field; an account with contacts is not deleted; a contact is")
    void validationAndDeletion() {
        ApiClient user = newUser();
        user.post("api/v1/contacts", Json.createObjectBuilder().add("name", "Eve")
                .add("emails", Json.createArrayBuilder().add("eve at example")).build())
                .assertProblem(400, "validation.mailbox.address", "emails");
        user.post("api/v1/contacts", Json.createObjectBuilder().add("name", " ").build())
                .assertProblem(400, "validation.required", "name");
        assertEquals(404, user.post("api/v1/contacts", Json.createObjectBuilder().add("name", "Eve")
                .add("accountId", Long.MAX_VALUE).build()).status());
        long account = create(user, "api/v1/accounts", Json.createObjectBuilder().add("name", "Gamma"));
        long contact = create(user, "api/v1/contacts", Json.createObjectBuilder().add("name", "Eve")
                .add("accountId", account));

        user.delete("api/v1/accounts/" + account).assertProblem(409, "error.account.inUse", null);
        assertEquals(204, user.delete("api/v1/contacts/" + contact).status());
        assertEquals(204, user.delete("api/v1/accounts/" + account).status());
        assertEquals(404, user.get("api/v1/contacts/" + contact).status());
    }

    /** A mailbox of the user on GreenMail holding one e-mail per subject from the given sender, synced. */
    private long syncedMailbox(ApiClient user, Map<String, String> senders) throws MessagingException {
        String address = "owner@" + LocalMail.provider(admin(), MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(senders.size());
        for (Map.Entry<String, String> mail : senders.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .toList()) {
            at = at.plusMinutes(10);
            LocalMail.append(MAIL, address, SECRET, "INBOX", mail.getValue(), mail.getKey(), at, "Hello", false);
        }
        long id = user.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
        LocalMail.syncNow(user, id);
        Awaitility.await("first sync of " + address).atMost(ofSeconds(60)).pollInterval(ofMillis(250))
                .until(() -> user.get("api/v1/mailboxes/" + id).object(), m -> "READY".equals(m.getString("status"))
                        && m.getInt("emailCount") == senders.size());
        return id;
    }

    private static long create(ApiClient user, String path, JsonObjectBuilder body) {
        return user.post(path, body.build()).assertCreated().getJsonNumber("id").longValue();
    }

    private static List<String> subjects(ApiClient user, String path) {
        return user.get(path).array().stream().map(e -> e.asJsonObject().getString("subject")).toList();
    }

    private static long idOf(ApiClient user, long mailbox, String subject) {
        return user.get("api/v1/mailboxes/" + mailbox + "/emails").array().stream().map(JsonValue::asJsonObject)
                .filter(e -> subject.equals(e.getString("subject"))).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
    }

    private static List<String> links(ApiClient user, long email) {
        return user.get("api/v1/emails/" + email + "/links").array().stream().map(JsonValue::asJsonObject)
                .map(l -> l.getString("kind") + " " + l.getString("name") + " " + l.getString("address"))
                .collect(Collectors.toList());
    }
}
