package org.switchboard.core.crm.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.exchange.GraphContactClient;
import org.switchboard.core.exchange.GraphContactClient.RemoteAddress;
import org.switchboard.core.exchange.GraphContactClient.RemoteContact;
import org.switchboard.core.exchange.GraphException;
import org.switchboard.core.exchange.GraphMailbox;
import org.switchboard.core.exchange.GraphRetries;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * A Microsoft 365 mailbox's contacts as the remote side of a contact sync (EC-01, EC-02), over Graph: folders,
 * {@code contacts/delta} rounds as the folder's state, and writes, with the mailbox's token (refreshed once when Graph
 * refuses it) and Graph's throttling waited out as it asks. Outlook's fields map onto the CRM's: the mobile phone is
 * MOBILE, business phones WORK, home phones HOME (a fax or other number is written as a business phone while one of
 * the two is free); the business, home and other address are WORK, HOME and OTHER (a second address of a kind fills
 * the other address while it is free). What Outlook cannot hold (a fourth address, a third business phone, a fourth
 * e-mail address) stays in the CRM only.
 */
public final class GraphContactRemote implements ContactRemote {

    /** Contacts asked for per delta page ({@code Prefer: odata.maxpagesize}). */
    static final int PAGE_SIZE = 100;

    private final GraphContactClient graph;
    private final MicrosoftTokenStore tokens;
    private final long mailboxId;
    private GraphMailbox mailbox;

    public GraphContactRemote(GraphContactClient graph, MicrosoftTokenStore tokens, long mailboxId, String address,
            boolean shared) {
        this.graph = graph;
        this.tokens = tokens;
        this.mailboxId = mailboxId;
        this.mailbox = new GraphMailbox(address, shared, tokens.accessToken(mailboxId));
    }

    @Override
    public List<Folder> folders() {
        return call(box -> graph.contactFolders(box)).stream().map(f -> new Folder(f.id(), f.displayName())).toList();
    }

    @Override
    public Page changes(String folderId, String state) {
        GraphContactClient.ContactDeltaPage page;
        try {
            page = call(box -> graph.delta(box, folderId, state, PAGE_SIZE));
        } catch (GraphException e) {
            if (e.outcome() == GraphException.Outcome.DELTA_EXPIRED) {
                return null;
            }
            throw e;
        }
        return new Page(page.changed().stream().map(c -> new Item(c.id(), c.changeKey(), c.lastModified(), draft(c)))
                .toList(), page.removedIds(), page.complete() ? page.deltaLink() : page.nextLink(), page.complete());
    }

    @Override
    public Written create(String folderId, ContactDraft contact) {
        RemoteContact stored = write(() -> call(box -> graph.create(box, folderId, remote(null, contact))));
        return new Written(stored.id(), stored.changeKey(), stored.lastModified());
    }

    @Override
    public Written update(String remoteId, ContactDraft contact) {
        try {
            RemoteContact stored = write(() -> call(box -> graph.update(box, remoteId, remote(remoteId, contact))));
            return new Written(stored.id(), stored.changeKey(), stored.lastModified());
        } catch (GraphException e) {
            if (e.outcome() == GraphException.Outcome.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void delete(String remoteId) {
        call(box -> {
            graph.delete(box, remoteId);
            return null;
        });
    }

    /** A write Graph refused for its content (400) is one item's failure, not the run's. */
    private static RemoteContact write(java.util.function.Supplier<RemoteContact> write) {
        try {
            return write.get();
        } catch (GraphException e) {
            if (e.outcome() == GraphException.Outcome.REFUSED) {
                throw new ItemRefused(e.getMessage());
            }
            throw e;
        }
    }

    /** Outlook's contact in the CRM's terms. */
    static ContactDraft draft(RemoteContact contact) {
        List<ContactDraft.Phone> phones = new ArrayList<>();
        if (contact.mobilePhone() != null && !contact.mobilePhone().isBlank()) {
            phones.add(new ContactDraft.Phone("MOBILE", contact.mobilePhone()));
        }
        contact.businessPhones().forEach(number -> phones.add(new ContactDraft.Phone("WORK", number)));
        contact.homePhones().forEach(number -> phones.add(new ContactDraft.Phone("HOME", number)));
        List<ContactDraft.PostalAddress> addresses = new ArrayList<>();
        address("WORK", contact.businessAddress(), addresses);
        address("HOME", contact.homeAddress(), addresses);
        address("OTHER", contact.otherAddress(), addresses);
        return new ContactDraft(contact.displayName(), contact.givenName(), contact.surname(), contact.jobTitle(),
                contact.companyName(), null, contact.emails(), phones, addresses, contact.birthday(),
                contact.personalNotes(), null);
    }

    private static void address(String kind, RemoteAddress address, List<ContactDraft.PostalAddress> addresses) {
        if (address != null && !address.isEmpty()) {
            addresses.add(new ContactDraft.PostalAddress(kind, address.street(), address.city(), address.state(),
                    address.postalCode(), address.countryOrRegion()));
        }
    }

    /** The CRM's contact in Outlook's fields, cut to what Outlook holds. */
    static RemoteContact remote(String id, ContactDraft contact) {
        String mobile = null;
        List<String> business = new ArrayList<>();
        List<String> home = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ContactDraft.Phone phone : contact.phones()) {
            switch (phone.kind()) {
                case "MOBILE" -> {
                    if (mobile == null) {
                        mobile = phone.number();
                    } else {
                        others.add(phone.number());
                    }
                }
                case "WORK" -> business.add(phone.number());
                case "HOME" -> home.add(phone.number());
                default -> others.add(phone.number());
            }
        }
        business.addAll(others);
        RemoteAddress work = null;
        RemoteAddress homeAddress = null;
        RemoteAddress other = null;
        for (ContactDraft.PostalAddress address : contact.addresses()) {
            RemoteAddress remote = new RemoteAddress(address.street(), address.city(), address.region(),
                    address.postalCode(), address.country());
            if ("WORK".equals(address.kind()) && work == null) {
                work = remote;
            } else if ("HOME".equals(address.kind()) && homeAddress == null) {
                homeAddress = remote;
            } else if (other == null) {
                other = remote;
            }
        }
        return new RemoteContact(id, null, null, contact.givenName(), contact.familyName(), contact.name(),
                contact.jobTitle(), contact.companyName(), first(contact.emails(), GraphContactClient.MAX_EMAILS),
                first(business, GraphContactClient.MAX_BUSINESS_PHONES),
                first(home, GraphContactClient.MAX_HOME_PHONES), mobile, work, homeAddress, other,
                contact.birthday(), contact.notes(), List.of());
    }

    private static List<String> first(List<String> values, int max) {
        return values.subList(0, Math.min(values.size(), max));
    }

    /** One Graph call, retried as {@link GraphRetries} does. */
    private <T> T call(Function<GraphMailbox, T> request) {
        return GraphRetries.call(() -> mailbox, () -> mailbox = mailbox.withToken(
                tokens.replaceRejected(mailboxId, mailbox.accessToken())), request);
    }
}
