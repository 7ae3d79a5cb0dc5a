package org.switchboard.core.exchange;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.Jsons;

/**
 * Microsoft 365 contacts over Microsoft Graph with the JDK's HTTP client (EC-01 to EC-04), beside
 * {@link HttpGraphMailClient} and on the same wire ({@link GraphHttp}): Graph's base URL from
 * {@value HttpGraphMailClient#BASE_URL_KEY}, the mailbox's bearer token on every call, and the mailbox's request
 * slots ({@link GraphRequestSlots}), shared with the mail client, since Graph counts both against one limit. Links
 * Graph hands back are followed only to Graph's own origin. Failures become {@link GraphException}s; nothing is
 * retried here. No URL, token or contact field is logged.
 */
@ApplicationScoped
public class HttpGraphContactClient implements GraphContactClient {

    private static final Logger LOG = Logger.getLogger(HttpGraphContactClient.class.getName());
    /**
     * The default Contacts folder by its well-known name: {@code GET /me/contactFolders} lists only the folders in
     * it, so its own id comes from here. Graph's contactFolder resource names {@code contacts} as "the only
     * recognized contacts folder" (its {@code wellKnownName}).
     */
    private static final String DEFAULT_FOLDER = "contacts";
    private static final String FOLDER_FIELDS = "id,displayName,parentFolderId";
    /** The fields the sync maps, and no more ({@code id} always comes). */
    private static final String CONTACT_FIELDS = "changeKey,lastModifiedDateTime,givenName,surname,displayName,"
            + "jobTitle,companyName,emailAddresses,businessPhones,homePhones,mobilePhone,businessAddress,homeAddress,"
            + "otherAddress,birthday,personalNotes,categories";
    /** More folders than a mailbox holds; the listing stops there rather than follow links for ever. */
    private static final int MAX_FOLDERS = 10_000;

    @Inject
    @ConfigProperty(name = HttpGraphMailClient.BASE_URL_KEY)
    private Optional<String> configuredBase;

    @Inject
    private GraphRequestSlots slots;

    private GraphHttp graph;

    public HttpGraphContactClient() {
    }

    /** A client with slots of its own, for tests. */
    HttpGraphContactClient(String base) {
        this(base, new GraphRequestSlots());
    }

    /** A client whose calls take the slots of {@code slots}, as the application's clients share theirs. */
    HttpGraphContactClient(String base, GraphRequestSlots slots) {
        this.slots = slots;
        this.graph = new GraphHttp(base, slots, LOG);
    }

    /** The wire, to the configured Graph ({@value HttpGraphMailClient#BASE_URL_KEY}), once it is injected. */
    @PostConstruct
    void connect() {
        graph = new GraphHttp(GraphHttp.baseUrl(configuredBase), slots, LOG);
    }

    @Override
    public List<ContactFolder> contactFolders(GraphMailbox mailbox) {
        JsonObject contacts = graph.json(mailbox, graph.api(mailbox, "/contactFolders/" + DEFAULT_FOLDER
                + "?$select=" + FOLDER_FIELDS), 0);
        ContactFolder root = folder(contacts);
        if (root.id() == null) {
            throw new GraphException(GraphException.Outcome.REFUSED,
                    "Microsoft Graph: the default Contacts folder without its id");
        }
        // The folders in the default one come from /contactFolders; should Graph list the default folder there too,
        // it is not listed twice.
        Set<String> seen = new HashSet<>(Set.of(root.id()));
        List<ContactFolder> folders = new ArrayList<>(List.of(root));
        folders.addAll(graph.folders(mailbox, graph.api(mailbox, "/contactFolders?$top=100&$select="
                + FOLDER_FIELDS), item -> seen.add(MicrosoftHttp.text(item, "id")) ? folder(item) : null,
                // A contactFolder has no childFolderCount: each folder's children are asked for.
                read -> graph.api(mailbox, "/contactFolders/" + MicrosoftHttp.encode(read.id())
                        + "/childFolders?$top=100&$select=" + FOLDER_FIELDS), MAX_FOLDERS - 1));
        return folders;
    }

    @Override
    public ContactDeltaPage delta(GraphMailbox mailbox, String folderId, String link, int maxPageSize) {
        GraphHttp.DeltaItems<RemoteContact> page = graph.delta(mailbox, link != null ? null : graph.api(mailbox,
                "/contactFolders/" + MicrosoftHttp.encode(folderId) + "/contacts/delta?$select=" + CONTACT_FIELDS),
                link, maxPageSize, HttpGraphContactClient::contact);
        return new ContactDeltaPage(page.changed(), page.removedIds(), page.nextLink(), page.deltaLink());
    }

    @Override
    public RemoteContact create(GraphMailbox mailbox, String folderId, RemoteContact contact) {
        return stored(graph.withJson(mailbox, "POST", graph.api(mailbox, "/contactFolders/"
                + MicrosoftHttp.encode(folderId) + "/contacts"), body(contact)), 201);
    }

    @Override
    public RemoteContact update(GraphMailbox mailbox, String contactId, RemoteContact contact) {
        HttpResponse<String> response = graph.withJson(mailbox, "PATCH", contactUrl(mailbox, contactId),
                body(contact));
        if (response.statusCode() == 404) {
            throw new GraphException(GraphException.Outcome.NOT_FOUND, graph.failure(404, response.body(), response,
                    false).getMessage());
        }
        return stored(response, 200);
    }

    @Override
    public void delete(GraphMailbox mailbox, String contactId) {
        HttpResponse<String> response = graph.call(mailbox, GraphHttp.request(mailbox, contactUrl(mailbox,
                contactId), MicrosoftHttp.CALL_TIMEOUT).DELETE().build());
        // EC-02: a contact Graph no longer has (deleted in Outlook, or before) is as good as deleted.
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw graph.failure(response.statusCode(), response.body(), response, false);
        }
    }

    private String contactUrl(GraphMailbox mailbox, String contactId) {
        return graph.api(mailbox, "/contacts/" + MicrosoftHttp.encode(contactId));
    }

    /** The contact Graph answered with {@code expected}, or the failure the answer means. */
    private RemoteContact stored(HttpResponse<String> response, int expected) {
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() != expected || answer == null) {
            throw graph.failure(response.statusCode(), response.body(), response, false);
        }
        if (MicrosoftHttp.text(answer, "id") == null) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a contact without its id");
        }
        return contact(answer);
    }

    private static ContactFolder folder(JsonObject folder) {
        return new ContactFolder(MicrosoftHttp.text(folder, "id"), MicrosoftHttp.text(folder, "parentFolderId"),
                Objects.requireNonNullElse(MicrosoftHttp.text(folder, "displayName"), ""));
    }

    private static RemoteContact contact(JsonObject contact) {
        List<String> emails = new ArrayList<>();
        for (JsonValue email : GraphHttp.array(contact, "emailAddresses")) {
            String address = email instanceof JsonObject object ? MicrosoftHttp.text(object, "address") : null;
            if (address != null && !address.isBlank()) {
                emails.add(address);
            }
        }
        return new RemoteContact(MicrosoftHttp.text(contact, "id"), MicrosoftHttp.text(contact, "changeKey"),
                MicrosoftHttp.time(MicrosoftHttp.text(contact, "lastModifiedDateTime")),
                MicrosoftHttp.text(contact, "givenName"), MicrosoftHttp.text(contact, "surname"),
                MicrosoftHttp.text(contact, "displayName"), MicrosoftHttp.text(contact, "jobTitle"),
                MicrosoftHttp.text(contact, "companyName"), emails, strings(contact, "businessPhones"),
                strings(contact, "homePhones"), MicrosoftHttp.text(contact, "mobilePhone"),
                address(contact, "businessAddress"), address(contact, "homeAddress"),
                address(contact, "otherAddress"), birthday(MicrosoftHttp.text(contact, "birthday")),
                MicrosoftHttp.text(contact, "personalNotes"), strings(contact, "categories"));
    }

    private static List<String> strings(JsonObject object, String key) {
        return GraphHttp.array(object, key).stream().filter(JsonString.class::isInstance)
                .map(value -> ((JsonString) value).getString()).toList();
    }

    /** A {@code physicalAddress}; none when missing or empty ({@code {}}, as Graph answers for none). */
    private static RemoteAddress address(JsonObject contact, String key) {
        return contact.get(key) instanceof JsonObject address ? RemoteAddress.orNone(new RemoteAddress(
                MicrosoftHttp.text(address, "street"), MicrosoftHttp.text(address, "city"),
                MicrosoftHttp.text(address, "state"), MicrosoftHttp.text(address, "postalCode"),
                MicrosoftHttp.text(address, "countryOrRegion"))) : null;
    }

    /**
     * Graph's birthday is a DateTimeOffset in UTC ({@code 1990-02-28T00:00:00Z}); its day is the birthday. A plain
     * date, as Graph's own examples send one, is read too.
     */
    private static LocalDate birthday(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * EC-02: every mapped field, so that one empty here is cleared in Outlook: a missing text or birthday as null,
     * a list as empty, an address as all its parts null (whether Graph merges or replaces an address, it is then
     * none). Each email's display name is the contact's, as Outlook shows "Name (address)". Outlook's categories are
     * the user's own (colours in Outlook, not the CRM's category): read, never written, so a sync leaves them as
     * they are.
     */
    private static String body(RemoteContact contact) {
        JsonArrayBuilder emails = Jsons.array();
        for (String email : contact.emails()) {
            emails.add(Jsons.object().add("name", Objects.requireNonNullElse(contact.displayName(), email))
                    .add("address", email));
        }
        return Jsons.object().add("givenName", text(contact.givenName())).add("surname", text(contact.surname()))
                .add("displayName", text(contact.displayName())).add("jobTitle", text(contact.jobTitle()))
                .add("companyName", text(contact.companyName())).add("emailAddresses", emails)
                .add("businessPhones", strings(contact.businessPhones()))
                .add("homePhones", strings(contact.homePhones())).add("mobilePhone", text(contact.mobilePhone()))
                .add("businessAddress", address(contact.businessAddress()))
                .add("homeAddress", address(contact.homeAddress()))
                .add("otherAddress", address(contact.otherAddress()))
                .add("birthday", contact.birthday() == null ? JsonValue.NULL
                        : Jsons.string(contact.birthday().atStartOfDay().atOffset(ZoneOffset.UTC).toInstant()
                                .toString()))
                .add("personalNotes", text(contact.personalNotes())).build().toString();
    }

    private static JsonObjectBuilder address(RemoteAddress address) {
        RemoteAddress parts = address == null ? new RemoteAddress(null, null, null, null, null) : address;
        return Jsons.object().add("street", text(parts.street())).add("city", text(parts.city()))
                .add("state", text(parts.state())).add("postalCode", text(parts.postalCode()))
                .add("countryOrRegion", text(parts.countryOrRegion()));
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Jsons.array();
        values.forEach(array::add);
        return array;
    }

    private static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : Jsons.string(value);
    }
}
