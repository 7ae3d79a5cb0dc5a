package org.switchboard.core.exchange;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Microsoft 365 contacts over Microsoft Graph, in our own terms, for the two-way contact sync (EC-01 to EC-04): the
 * contact folders, one page of a folder's delta round, and a contact created, updated or deleted. Every call may
 * throw {@link GraphException}, whose outcome says what the caller does next; no Graph SDK type escapes it.
 */
public interface GraphContactClient {

    /**
     * The most email addresses Outlook keeps on a contact (Email, Email 2, Email 3): Graph refuses more with a 400
     * ("The multi value property EmailAddresses has 4 entries, that exceeds the max allowed value of 3").
     */
    int MAX_EMAILS = 3;
    /** The most business phone numbers Outlook keeps (Business, Business 2); Graph refuses more with a 400. */
    int MAX_BUSINESS_PHONES = 2;
    /** The most home phone numbers Outlook keeps (Home, Home 2); Graph refuses more with a 400. */
    int MAX_HOME_PHONES = 2;

    /**
     * EC-01: every contact folder of the mailbox across all pages: the default Contacts folder first, then the
     * folders in it and theirs, parents before their children; the list the mailbox's owner picks synced folders
     * from (a folder does not include its subfolders).
     */
    List<ContactFolder> contactFolders(GraphMailbox mailbox);

    /**
     * EC-01: one page of the folder's delta round: the first page of a new round when {@code link} is null, else the
     * page at {@code link}, an {@code @odata.nextLink} or {@code @odata.deltaLink} Graph gave before (only a link to
     * Graph's own origin is followed).
     *
     * @param maxPageSize how many contacts at most in the page ({@code Prefer: odata.maxpagesize})
     * @throws GraphException {@link GraphException.Outcome#DELTA_EXPIRED} when the link's delta token expired
     */
    ContactDeltaPage delta(GraphMailbox mailbox, String folderId, String link, int maxPageSize);

    /**
     * EC-02: a new contact in the folder, from the contact's fields (its id, change key and time are not sent).
     *
     * @return the contact as Graph stored it, with its id, change key and last modification
     */
    RemoteContact create(GraphMailbox mailbox, String folderId, RemoteContact contact);

    /**
     * EC-02: the contact's fields replaced by these: every mapped field is sent, so one that is empty here is cleared
     * in Outlook (its id, change key and time are not sent).
     *
     * @return the contact as Graph stored it, with its new change key
     * @throws GraphException {@link GraphException.Outcome#NOT_FOUND} when Graph no longer has the contact
     */
    RemoteContact update(GraphMailbox mailbox, String contactId, RemoteContact contact);

    /** EC-02: deletes the contact; one Graph no longer has counts as done. */
    void delete(GraphMailbox mailbox, String contactId);

    /**
     * One contact folder.
     *
     * @param parentId the parent folder's id: the mailbox's invisible root for the default Contacts folder
     */
    record ContactFolder(String id, String parentId, String displayName) {
    }

    /**
     * A contact as Outlook keeps it, in the fields the sync maps. Strings Outlook does not have are null; lists are
     * never null, and an address with no part set is none (null).
     *
     * @param id null for a contact not yet created
     * @param changeKey Graph's version of the contact: it changes with every change
     * @param lastModified when the contact last changed, UTC
     * @param emails the addresses only (Graph's {@code emailAddresses[].address}), at most {@link #MAX_EMAILS}
     * @param birthday the day, without Graph's time of day
     * @param personalNotes the user's notes about the contact
     */
    record RemoteContact(String id, String changeKey, OffsetDateTime lastModified, String givenName, String surname,
            String displayName, String jobTitle, String companyName, List<String> emails, List<String> businessPhones,
            List<String> homePhones, String mobilePhone, RemoteAddress businessAddress, RemoteAddress homeAddress,
            RemoteAddress otherAddress, LocalDate birthday, String personalNotes, List<String> categories) {

        public RemoteContact {
            emails = copy(emails);
            businessPhones = copy(businessPhones);
            homePhones = copy(homePhones);
            categories = copy(categories);
            businessAddress = RemoteAddress.orNone(businessAddress);
            homeAddress = RemoteAddress.orNone(homeAddress);
            otherAddress = RemoteAddress.orNone(otherAddress);
        }

        private static List<String> copy(List<String> values) {
            return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
        }
    }

    /** A postal address of a contact (Graph's {@code physicalAddress}). */
    record RemoteAddress(String street, String city, String state, String postalCode, String countryOrRegion) {

        /** Whether no part is set: Graph answers {@code {}} for an address the contact does not have. */
        public boolean isEmpty() {
            return blank(street) && blank(city) && blank(state) && blank(postalCode) && blank(countryOrRegion);
        }

        static RemoteAddress orNone(RemoteAddress address) {
            return address == null || address.isEmpty() ? null : address;
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /**
     * One page of a delta round: exactly one of {@code nextLink} (more pages follow) and {@code deltaLink} (the round
     * is complete: keep it, committed with the contacts it covers, for the next round) is set.
     *
     * @param changed contacts new or changed in the folder since the round's last delta link
     * @param removedIds contacts deleted or moved out of the folder
     */
    record ContactDeltaPage(List<RemoteContact> changed, List<String> removedIds, String nextLink, String deltaLink) {

        public ContactDeltaPage {
            changed = changed == null ? List.of() : List.copyOf(changed);
            removedIds = removedIds == null ? List.of() : List.copyOf(removedIds);
        }

        /** Whether this is the round's last page. */
        public boolean complete() {
            return deltaLink != null;
        }
    }
}
