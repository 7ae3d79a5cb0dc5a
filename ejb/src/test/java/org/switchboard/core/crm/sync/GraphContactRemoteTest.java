package org.switchboard.core.crm.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.exchange.GraphContactClient.RemoteContact;
import org.switchboard.core.exchange.GraphFake;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * A Microsoft 365 mailbox's contacts synced both ways (EC-01, EC-02): the real {@link ContactSyncRun} through
 * {@link GraphContactRemote} and the real Graph client against the stateful Graph fake, with the in-memory store of
 * {@link ContactSyncRunTest}: Outlook's fields arrive in the CRM's, the CRM's contacts arrive in Outlook's default
 * folder, a change in Outlook arrives, the sync's own writes are not taken back, a deletion in Outlook leaves the CRM
 * contact, and an expired delta link restarts the round without a duplicate.
 */
class GraphContactRemoteTest {

    private static final String ADDRESS = "anna@contoso.example";
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 7, 9, 0, 0, 0, ZoneOffset.UTC);

    private GraphFake fake;
    private String contacts;
    private ContactSyncRunTest.Store store;

    @BeforeEach
    void setUp() throws Exception {
        fake = new GraphFake();
        fake.mailbox(ADDRESS);
        contacts = fake.defaultContactFolder(ADDRESS);
        store = new ContactSyncRunTest.Store();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private ContactSyncRun.Result run() {
        String token = fake.accessToken(ADDRESS);
        MicrosoftTokenStore tokens = new MicrosoftTokenStore() {
            @Override
            public String accessToken(long mailboxId) {
                return token;
            }

            @Override
            public String replaceRejected(long mailboxId, String rejected) {
                throw new AssertionError("the fake's token was refused");
            }
        };
        return new ContactSyncRun(new GraphContactRemote(fake.contactClient(), tokens, 1, ADDRESS, false), store)
                .run(null, true, done -> { });
    }

    private static JsonObject outlook(String given, String surname, String company) {
        return Jsons.object().add("givenName", given).add("surname", surname).add("displayName", given + " " + surname)
                .add("companyName", company).add("mobilePhone", "+1 555 0100")
                .add("businessPhones", Jsons.array().add("+1 555 0199"))
                .add("emailAddresses", Jsons.array().add(Jsons.object().add("name", given).add("address",
                        given.toLowerCase() + "@acme.example")))
                .add("businessAddress", Jsons.object().add("street", "1 Main St").add("city", "Springfield")
                        .add("state", "IL").add("postalCode", "62701").add("countryOrRegion", "USA"))
                .add("birthday", "1990-02-28T00:00:00Z").add("personalNotes", "Met at the fair").build();
    }

    @Test
    @DisplayName("EC-01 EC-02 Outlook's contacts arrive with their fields mapped, the CRM's arrive in Outlook's "
            + "default folder; a second run changes nothing on either side")
    void firstSyncBothWays() {
        fake.addContact(ADDRESS, contacts, outlook("Ann", "Lee", "Acme"));
        store.create(new ContactDraft("Dee Moe", "Dee", "Moe", "Buyer", "Delta", null, List.of("dee@delta.example"),
                List.of(new ContactDraft.Phone("FAX", "+1 555 0300")), List.of(), LocalDate.of(1985, 5, 1), null,
                null), T0);

        ContactSyncRun.Result first = run();

        assertEquals(List.of(1, 1), List.of(first.createdHere(), first.createdThere()), first::toString);
        ContactDraft ann = store.byName("Ann Lee").contact();
        assertEquals(List.of("Ann", "Lee", "Acme", "ann@acme.example", "MOBILE +1 555 0100", "WORK +1 555 0199",
                "WORK 1 Main St Springfield IL 62701 USA", "1990-02-28", "Met at the fair"),
                List.of(ann.givenName(), ann.familyName(), ann.companyName(), ann.emails().get(0),
                        phone(ann, 0), phone(ann, 1), address(ann), ann.birthday().toString(), ann.notes()));
        List<String> ids = fake.contactIds(ADDRESS, contacts);
        assertEquals(2, ids.size());
        JsonObject dee = ids.stream().map(id -> fake.contact(ADDRESS, id))
                .filter(c -> "Dee Moe".equals(c.getString("displayName"))).findFirst().orElseThrow();
        assertEquals(List.of("Buyer", "Delta", "dee@delta.example", "+1 555 0300", "1985-05-01T00:00:00Z"),
                List.of(dee.getString("jobTitle"), dee.getString("companyName"),
                        dee.getJsonArray("emailAddresses").getJsonObject(0).getString("address"),
                        dee.getJsonArray("businessPhones").getString(0), dee.getString("birthday")),
                "a fax is written as a business phone");

        assertEquals(new ContactSyncRun.Result(0, 0, 0, 0, 0, 0, 0, 0), run(), "the sync's own writes are not changes");
    }

    @Test
    @DisplayName("EC-01 a change in Outlook arrives; a deletion in Outlook leaves the CRM contact; an expired delta "
            + "link restarts the round without a duplicate")
    void changesDeletionsExpiry() {
        String ann = fake.addContact(ADDRESS, contacts, outlook("Ann", "Lee", "Acme"));
        String bo = fake.addContact(ADDRESS, contacts, outlook("Bo", "Kim", "Beta"));
        run();

        fake.changeContact(ADDRESS, ann, Jsons.object().add("companyName", "Acme Ltd").build());
        fake.deleteContact(ADDRESS, bo);
        ContactSyncRun.Result changed = run();

        assertEquals(List.of(1, 1), List.of(changed.updatedHere(), changed.removedThere()), changed::toString);
        assertEquals("Acme Ltd", store.byName("Ann Lee").contact().companyName());
        assertEquals(List.of("Ann Lee", "Bo Kim"), store.names(), "Bo stays in the CRM");
        assertEquals(1, fake.contactIds(ADDRESS, contacts).size(), "and is not created in Outlook again");

        fake.addContact(ADDRESS, contacts, outlook("Cy", "Lund", "Gamma"));
        fake.expireDeltaTokens(ADDRESS);
        ContactSyncRun.Result restarted = run();
        assertEquals(1, restarted.createdHere(), restarted::toString);
        assertEquals(List.of("Ann Lee", "Bo Kim", "Cy Lund"), store.names());
    }

    @Test
    @DisplayName("EC-01 what Outlook cannot hold stays in the CRM: a second mobile and a fax fill the business phones "
            + "after the work ones while there is room, a fourth address is left out; a second work address fills the "
            + "other address while it is free")
    void mappingToOutlook() {
        ContactDraft crm = new ContactDraft("Ed Poe", "Ed", "Poe", null, null, null, List.of("a@x.example",
                "b@x.example", "c@x.example", "d@x.example"), List.of(new ContactDraft.Phone("MOBILE", "1"),
                new ContactDraft.Phone("MOBILE", "2"), new ContactDraft.Phone("FAX", "3"),
                new ContactDraft.Phone("WORK", "4"), new ContactDraft.Phone("HOME", "5")),
                List.of(new ContactDraft.PostalAddress("WORK", "W1", null, null, null, null),
                        new ContactDraft.PostalAddress("WORK", "W2", null, null, null, null),
                        new ContactDraft.PostalAddress("OTHER", "O1", null, null, null, null)), null, null, null);

        RemoteContact outlook = GraphContactRemote.remote(null, crm);

        assertEquals("1", outlook.mobilePhone());
        assertEquals(List.of("4", "2"), outlook.businessPhones(), "WORK first, then the others while there is room");
        assertEquals(List.of("5"), outlook.homePhones());
        assertEquals(3, outlook.emails().size());
        assertEquals(List.of("W1", "W2"), List.of(outlook.businessAddress().street(), outlook.otherAddress().street()));
        assertTrue(outlook.homeAddress() == null);
    }

    private static String phone(ContactDraft contact, int index) {
        return contact.phones().get(index).kind() + " " + contact.phones().get(index).number();
    }

    private static String address(ContactDraft contact) {
        ContactDraft.PostalAddress a = contact.addresses().get(0);
        return String.join(" ", a.kind(), a.street(), a.city(), a.region(), a.postalCode(), a.country());
    }
}
