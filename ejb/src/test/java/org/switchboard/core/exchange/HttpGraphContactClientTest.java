package org.switchboard.core.exchange;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.exchange.GraphContactClient.ContactDeltaPage;
import org.switchboard.core.exchange.GraphContactClient.ContactFolder;
import org.switchboard.core.exchange.GraphContactClient.RemoteAddress;
import org.switchboard.core.exchange.GraphContactClient.RemoteContact;

/**
 * EC-01, EC-02: {@link HttpGraphContactClient} against the stateful Graph of {@link GraphFake}, signed in through its
 * Entra ID: the contact folders with the default one first, delta rounds in pages and their expiry, contacts created,
 * updated and deleted with their change keys, links to another host, and the request slots shared with mail.
 */
class HttpGraphContactClientTest {

    private static final String ANNA = MicrosoftOAuthTest.ANNA;
    private static final RemoteAddress OFFICE = new RemoteAddress("1 Main Street", "Springfield", "IL", "62701",
            "United States");

    private GraphFake fake;
    private HttpGraphContactClient graph;
    private GraphMailbox anna;
    private String contacts;

    @BeforeEach
    void start() throws Exception {
        fake = new GraphFake();
        fake.mailbox(ANNA);
        contacts = fake.defaultContactFolder(ANNA);
        anna = MicrosoftOAuthTest.signedIn(fake, ANNA);
        graph = new HttpGraphContactClient(fake.graphUrl() + "/");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** A contact as Outlook's user typed it, in Graph's properties. */
    private static JsonObject outlook(String givenName, String surname, String... emails) {
        JsonArrayBuilder addresses = Jsons.array();
        for (String email : emails) {
            addresses.add(Jsons.object().add("name", givenName + " " + surname).add("address", email));
        }
        return Jsons.object().add("givenName", givenName).add("surname", surname).add("emailAddresses", addresses)
                .build();
    }

    /** Every field the sync maps, set; no id yet. */
    private static RemoteContact full() {
        return new RemoteContact(null, null, null, "Carol", "Danvers", "Carol Danvers", "Pilot", "Stark Industries",
                List.of("carol@stark.example", "cd@home.example"), List.of("+1 555 0100", "+1 555 0101"),
                List.of("+1 555 0200"), "+1 555 0300", OFFICE, new RemoteAddress("2 Elm Road", "Boston", "MA", "02101",
                        "United States"), new RemoteAddress(null, "Paris", null, null, "France"),
                LocalDate.of(1990, 2, 28), "Met at the fair", List.of("Customers", "VIP"));
    }

    /** A contact as the client writes it: Outlook's categories are the user's, never written. */
    private static RemoteContact written(RemoteContact contact) {
        RemoteContact fields = fields(contact);
        return new RemoteContact(null, null, null, fields.givenName(), fields.surname(), fields.displayName(),
                fields.jobTitle(), fields.companyName(), fields.emails(), fields.businessPhones(),
                fields.homePhones(), fields.mobilePhone(), fields.businessAddress(), fields.homeAddress(),
                fields.otherAddress(), fields.birthday(), fields.personalNotes(), List.of());
    }

    /** The fields the sync maps, without what Graph sets (id, change key, time). */
    private static RemoteContact fields(RemoteContact contact) {
        return new RemoteContact(null, null, null, contact.givenName(), contact.surname(), contact.displayName(),
                contact.jobTitle(), contact.companyName(), contact.emails(), contact.businessPhones(),
                contact.homePhones(), contact.mobilePhone(), contact.businessAddress(), contact.homeAddress(),
                contact.otherAddress(), contact.birthday(), contact.personalNotes(), contact.categories());
    }

    /** A whole delta round from {@code link} (null: a new one): its pages, up to the one with the delta link. */
    private List<ContactDeltaPage> round(String folderId, String link, int pageSize) {
        List<ContactDeltaPage> pages = new ArrayList<>(List.of(graph.delta(anna, folderId, link, pageSize)));
        while (!pages.get(pages.size() - 1).complete()) {
            assertNull(pages.get(pages.size() - 1).deltaLink());
            pages.add(graph.delta(anna, folderId, pages.get(pages.size() - 1).nextLink(), pageSize));
        }
        return pages;
    }

    private static List<RemoteContact> changed(List<ContactDeltaPage> round) {
        return round.stream().flatMap(page -> page.changed().stream()).toList();
    }

    private static List<String> removed(List<ContactDeltaPage> round) {
        return round.stream().flatMap(page -> page.removedIds().stream()).toList();
    }

    private static String deltaLink(List<ContactDeltaPage> round) {
        return round.get(round.size() - 1).deltaLink();
    }

    private static List<Integer> sizes(List<ContactDeltaPage> round) {
        return round.stream().map(page -> page.changed().size() + page.removedIds().size()).toList();
    }

    @Test
    @DisplayName("EC-01: every contact folder across pages: the default Contacts folder first, then the folders in it "
            + "and their children, parents before children")
    void contactFolders() {
        fake.folderPageSize(2);
        String customers = fake.contactFolder(ANNA, null, "Customers");
        fake.contactFolder(ANNA, null, "Suppliers");
        fake.contactFolder(ANNA, null, "Partners");
        String key = fake.contactFolder(ANNA, customers, "Key accounts");
        fake.contactFolder(ANNA, customers, "Lost");
        fake.contactFolder(ANNA, customers, "Prospects");
        String year = fake.contactFolder(ANNA, key, "2026");

        List<ContactFolder> folders = graph.contactFolders(anna);

        assertEquals(new ContactFolder(contacts, folders.get(0).parentId(), "Contacts"), folders.get(0));
        assertNotNull(folders.get(0).parentId(), "the default folder's parent is the mailbox's root");
        Map<String, ContactFolder> byName = folders.stream().collect(Collectors.toMap(ContactFolder::displayName,
                Function.identity()));
        assertEquals(Set.of("Contacts", "Customers", "Suppliers", "Partners", "Key accounts", "Lost", "Prospects",
                "2026"), byName.keySet());
        assertEquals(8, folders.size(), "each folder once");
        assertEquals(contacts, byName.get("Partners").parentId());
        assertEquals(customers, byName.get("Prospects").parentId());
        assertEquals(key, byName.get("2026").parentId());
        assertEquals(year, byName.get("2026").id());
        assertTrue(folders.indexOf(byName.get("Customers")) < folders.indexOf(byName.get("Key accounts"))
                && folders.indexOf(byName.get("Key accounts")) < folders.indexOf(byName.get("2026")),
                "parents come before their children");
    }

    @Test
    @DisplayName("EC-01: a mailbox without folders of its own lists just its default Contacts folder")
    void onlyTheDefaultFolder() {
        assertEquals(List.of(contacts), graph.contactFolders(anna).stream().map(ContactFolder::id).toList());
    }

    @Test
    @DisplayName("EC-01: a first delta round returns every contact of the folder in pages of odata.maxpagesize; its "
            + "delta link then returns only the contacts added or changed since and the deleted ones, and can be "
            + "replayed")
    void deltaRounds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(fake.addContact(ANNA, contacts, outlook("Person", "No " + i, "p" + i + "@example.com")));
        }
        String elsewhere = fake.contactFolder(ANNA, null, "Elsewhere");
        fake.addContact(ANNA, elsewhere, outlook("Not", "Here", "not@example.com"));

        List<ContactDeltaPage> first = round(contacts, null, 2);

        assertEquals(List.of(2, 2, 1), sizes(first));
        assertEquals(ids, changed(first).stream().map(RemoteContact::id).toList());
        assertEquals(List.of("p3@example.com"), changed(first).get(2).emails());
        assertEquals("Person No 3", changed(first).get(2).displayName());
        assertEquals(List.of(), removed(first));

        String added = fake.addContact(ANNA, contacts, outlook("Person", "No 6", "p6@example.com"));
        fake.changeContact(ANNA, ids.get(1), Jsons.object().add("jobTitle", "Buyer").build());
        fake.deleteContact(ANNA, ids.get(3));
        List<ContactDeltaPage> second = round(contacts, deltaLink(first), 2);

        assertEquals(Set.of(ids.get(1), added), changed(second).stream().map(RemoteContact::id)
                .collect(Collectors.toSet()));
        RemoteContact buyer = changed(second).stream().filter(c -> c.id().equals(ids.get(1))).findFirst()
                .orElseThrow();
        assertEquals("Buyer", buyer.jobTitle());
        assertNotEquals(changed(first).get(1).changeKey(), buyer.changeKey(), "a change gives a new change key");
        assertEquals(List.of(ids.get(3)), removed(second));
        assertEquals(List.of(2, 1), sizes(second));
        assertEquals(changed(second), changed(round(contacts, deltaLink(first), 10)),
                "a delta link not yet committed can be used again");
        List<ContactDeltaPage> quiet = round(contacts, deltaLink(second), 2);
        assertEquals(List.of(), changed(quiet));
        assertEquals(List.of(), removed(quiet));
    }

    @Test
    @DisplayName("EC-01: a delta page maps every field: email addresses, phones, addresses ({} as none), the birthday "
            + "as its day, notes and categories, with the change key and time")
    void deltaMapsEveryField() {
        JsonObject typed = Jsons.object(outlook("Carol", "Danvers", "carol@stark.example", "cd@home.example"))
                .add("displayName", "Carol Danvers").add("jobTitle", "Pilot").add("companyName", "Stark Industries")
                .add("businessPhones", Jsons.array().add("+1 555 0100").add("+1 555 0101"))
                .add("homePhones", Jsons.array().add("+1 555 0200")).add("mobilePhone", "+1 555 0300")
                .add("businessAddress", Jsons.object().add("street", "1 Main Street").add("city", "Springfield")
                        .add("state", "IL").add("postalCode", "62701").add("countryOrRegion", "United States"))
                .add("homeAddress", Jsons.object().add("street", "2 Elm Road").add("city", "Boston").add("state",
                        "MA").add("postalCode", "02101").add("countryOrRegion", "United States"))
                .add("otherAddress", Jsons.object().add("city", "Paris").add("countryOrRegion", "France"))
                .add("birthday", "1990-02-28T00:00:00Z").add("personalNotes", "Met at the fair")
                .add("categories", Jsons.array().add("Customers").add("VIP")).add("nickName", "Cap").build();
        String id = fake.addContact(ANNA, contacts, typed);
        fake.addContact(ANNA, contacts, Jsons.object().add("givenName", "Bare").build());

        List<RemoteContact> changed = changed(round(contacts, null, 10));

        RemoteContact carol = changed.get(0);
        assertEquals(id, carol.id());
        assertEquals(fields(full()), fields(carol));
        assertEquals(fake.contact(ANNA, id).getString("changeKey"), carol.changeKey());
        assertNotNull(carol.lastModified());
        RemoteContact bare = changed.get(1);
        assertNull(bare.businessAddress(), "Graph's {} is no address");
        assertNull(bare.birthday());
        assertEquals(List.of(), bare.emails());
        assertEquals(List.of(), bare.categories());
    }

    @Test
    @DisplayName("EC-01: an expired delta token (410 syncStateNotFound) is the resync outcome; a new round works")
    void deltaExpired() {
        fake.addContact(ANNA, contacts, outlook("Bob", "Jones", "bob@example.com"));
        String link = deltaLink(round(contacts, null, 10));
        fake.expireDeltaTokens(ANNA);

        GraphException e = assertThrows(GraphException.class, () -> graph.delta(anna, contacts, link, 10));

        assertEquals(GraphException.Outcome.DELTA_EXPIRED, e.outcome());
        assertTrue(e.getMessage().contains("410 syncStateNotFound"), e.getMessage());
        assertEquals(1, changed(round(contacts, null, 10)).size());
    }

    @Test
    @DisplayName("EC-02: a contact created in a folder comes back as Graph stored it, with id, change key and time, "
            + "every written field kept, Outlook's categories not written; the birthday goes as midnight UTC")
    void create() {
        String customers = fake.contactFolder(ANNA, null, "Customers");

        RemoteContact created = graph.create(anna, customers, full());

        assertNotNull(created.id());
        assertNotNull(created.changeKey());
        assertNotNull(created.lastModified());
        assertEquals(written(full()), fields(created));
        assertEquals(List.of(created.id()), fake.contactIds(ANNA, customers));
        JsonObject stored = fake.contact(ANNA, created.id());
        assertEquals("1990-02-28T00:00:00Z", stored.getString("birthday"));
        assertEquals("carol@stark.example", stored.getJsonArray("emailAddresses").getJsonObject(0)
                .getString("address"));
        assertEquals(customers, stored.getString("parentFolderId"));
    }

    @Test
    @DisplayName("EC-02: an update sends every mapped field, so cleared ones are cleared in Outlook, and leaves the "
            + "user's Outlook categories as they are; the contact comes back with a new change key")
    void update() {
        RemoteContact created = graph.create(anna, contacts, full());
        fake.changeContact(ANNA, created.id(), Jsons.object().add("categories", Jsons.array().add("VIP")).build());
        created = graph.update(anna, created.id(), created);
        RemoteContact changed = new RemoteContact(created.id(), created.changeKey(), created.lastModified(), "Carol",
                "Danvers", "Carol Danvers", "Captain", null, List.of("carol@stark.example"), List.of(), List.of(),
                null, OFFICE, null, null, null, null, List.of());

        RemoteContact updated = graph.update(anna, created.id(), changed);
        changed = new RemoteContact(changed.id(), changed.changeKey(), changed.lastModified(), "Carol", "Danvers",
                "Carol Danvers", "Captain", null, List.of("carol@stark.example"), List.of(), List.of(), null, OFFICE,
                null, null, null, null, List.of("VIP"));

        assertEquals(created.id(), updated.id());
        assertNotEquals(created.changeKey(), updated.changeKey());
        assertEquals(fields(changed), fields(updated));
        JsonObject stored = fake.contact(ANNA, created.id());
        assertEquals("Captain", stored.getString("jobTitle"));
        assertTrue(stored.isNull("companyName"));
        assertTrue(stored.isNull("birthday"));
        assertTrue(stored.isNull("mobilePhone"));
        assertTrue(stored.isNull("personalNotes"));
        assertEquals(List.of("VIP"), stored.getJsonArray("categories").getValuesAs(JsonString::getString));
        assertEquals(0, stored.getJsonArray("businessPhones").size());
        assertEquals(1, stored.getJsonArray("emailAddresses").size());
        assertEquals(Jsons.object().build(), stored.getJsonObject("homeAddress"));
        assertEquals("Springfield", stored.getJsonObject("businessAddress").getString("city"));
    }

    @Test
    @DisplayName("EC-01: a token without the contacts permission is refused as Graph refuses it, and the mail "
            + "permissions alone do not reach the contacts")
    void contactsPermissionNeeded() {
        GraphMailbox mailOnly = new GraphMailbox(ANNA, false, fake.accessToken(ANNA, "Mail.ReadWrite Mail.Send"));

        GraphException refused = assertThrows(GraphException.class, () -> graph.contactFolders(mailOnly));

        assertEquals(GraphException.Outcome.REFUSED, refused.outcome());
        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        assertEquals(1, graph.contactFolders(anna).size(), "the signed-in token asked for Contacts.ReadWrite");
    }

    @Test
    @DisplayName("EC-02: updating a contact deleted in Outlook is the not-found outcome, with Graph's reason")
    void updateOfMissingContact() {
        RemoteContact created = graph.create(anna, contacts, full());
        fake.deleteContact(ANNA, created.id());

        GraphException e = assertThrows(GraphException.class, () -> graph.update(anna, created.id(), full()));

        assertEquals(GraphException.Outcome.NOT_FOUND, e.outcome());
        assertTrue(e.getMessage().contains("404 ErrorItemNotFound"), e.getMessage());
    }

    @Test
    @DisplayName("EC-02: a deleted contact is gone from its folder and reported removed by the next delta round; "
            + "deleting one Graph no longer has counts as done")
    void delete() {
        RemoteContact created = graph.create(anna, contacts, full());
        String link = deltaLink(round(contacts, null, 10));

        graph.delete(anna, created.id());

        assertNull(fake.contact(ANNA, created.id()));
        assertEquals(List.of(), fake.contactIds(ANNA, contacts));
        assertEquals(List.of(created.id()), removed(round(contacts, link, 10)));
        graph.delete(anna, created.id());
        String inOutlook = fake.addContact(ANNA, contacts, outlook("Bob", "Jones", "bob@example.com"));
        fake.deleteContact(ANNA, inOutlook);
        graph.delete(anna, inOutlook);
    }

    @Test
    @DisplayName("EC-02: Graph's refusal of a contact (four email addresses) is the refused outcome with its reason; "
            + "throttling carries Graph's wait")
    void refusedAndThrottled() {
        RemoteContact four = new RemoteContact(null, null, null, "Dan", "Four", null, null, null, List.of(
                "a@example.com", "b@example.com", "c@example.com", "d@example.com"), null, null, null, null, null,
                null, null, null, null);

        GraphException refused = assertThrows(GraphException.class, () -> graph.create(anna, contacts, four));

        assertEquals(GraphException.Outcome.REFUSED, refused.outcome());
        assertTrue(refused.getMessage().contains("EmailAddresses has 4 entries"), refused.getMessage());
        fake.throttleNext(1, 429, 7);
        GraphException throttled = assertThrows(GraphException.class, () -> graph.contactFolders(anna));
        assertEquals(GraphException.Outcome.THROTTLED, throttled.outcome());
        assertEquals(Duration.ofSeconds(7), throttled.retryAfter());
        assertEquals(List.of(), fake.contactIds(ANNA, contacts));
    }

    @Test
    @DisplayName("EC-01: a next or delta link to another host is refused, never followed with the token")
    void foreignLinks() {
        GraphException given = assertThrows(GraphException.class, () -> graph.delta(anna, contacts,
                "https://graph.example.net/v1.0/me/contactFolders/x/contacts/delta?$deltatoken=abc", 10));
        assertEquals(GraphException.Outcome.REFUSED, given.outcome());
        assertTrue(given.getMessage().contains("graph.example.net"), given.getMessage());

        // The fake's own server under another name: followed, the calls would succeed.
        fake.linksTo(fake.loginUrl().replace("localhost", "127.0.0.1"));
        fake.addContact(ANNA, contacts, outlook("Bob", "Jones", "bob@example.com"));
        fake.addContact(ANNA, contacts, outlook("Eve", "Smith", "eve@example.com"));
        GraphException next = assertThrows(GraphException.class, () -> graph.delta(anna, contacts, null, 1));
        assertEquals(GraphException.Outcome.REFUSED, next.outcome());
        assertTrue(next.getMessage().contains("127.0.0.1"), next.getMessage());
        fake.folderPageSize(1);
        fake.contactFolder(ANNA, null, "Customers");
        fake.contactFolder(ANNA, null, "Suppliers");
        GraphException paged = assertThrows(GraphException.class, () -> graph.contactFolders(anna));
        assertEquals(GraphException.Outcome.REFUSED, paged.outcome());
        assertTrue(paged.getMessage().contains("127.0.0.1"), paged.getMessage());
    }

    @Test
    @DisplayName("EC-01: contacts and mail of one mailbox share its 4 Graph request slots")
    void slotsSharedWithMail() throws Exception {
        GraphRequestSlots slots = new GraphRequestSlots();
        HttpGraphContactClient contactClient = new HttpGraphContactClient(fake.graphUrl(), slots);
        HttpGraphMailClient mail = new HttpGraphMailClient(fake.graphUrl(), HttpGraphMailClient.DEFAULT_MIME_MAX,
                Clock.systemUTC(), slots);
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            fake.hold();
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(callers.submit(() -> contactClient.contactFolders(anna).size()));
                calls.add(callers.submit(() -> mail.folders(anna).size()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fake.inFlight(ANNA) == 4);
            fake.release();
            for (Future<Integer> call : calls) {
                assertTrue(call.get() >= 1);
            }
        } finally {
            fake.release();
            callers.shutdownNow();
        }
        assertEquals(4, fake.maxInFlight(ANNA));
    }
}
