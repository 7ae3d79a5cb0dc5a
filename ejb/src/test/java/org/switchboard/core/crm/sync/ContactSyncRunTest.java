package org.switchboard.core.crm.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.crm.sync.ContactSyncStore.Adopt;
import org.switchboard.core.crm.sync.ContactSyncStore.CreateHere;
import org.switchboard.core.crm.sync.ContactSyncStore.Decision;
import org.switchboard.core.crm.sync.ContactSyncStore.KeepHere;
import org.switchboard.core.crm.sync.ContactSyncStore.Link;
import org.switchboard.core.crm.sync.ContactSyncStore.Local;
import org.switchboard.core.crm.sync.ContactSyncStore.RemovedThere;
import org.switchboard.core.crm.sync.ContactSyncStore.UpdateHere;

/**
 * The two-way contact sync's rules (EC-01, EC-02, issue 21 item 5), with the real {@link ContactSyncRun} between a
 * remote side that keeps folders, change keys and change rounds as a provider does (pages of two, a state that can
 * expire) and a store that keeps in memory what the database would, committing a page with its state and able to
 * "die" before a commit.
 */
class ContactSyncRunTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 7, 9, 0, 0, 0, ZoneOffset.UTC);

    private Remote remote;
    private Store store;

    @BeforeEach
    void setUp() {
        remote = new Remote();
        store = new Store();
    }

    private ContactSyncRun.Result run() {
        return new ContactSyncRun(remote, store).run(null, true, done -> { });
    }

    private static ContactDraft draft(String given, String family, String company) {
        return new ContactDraft(given + " " + family, given, family, null, company, null, List.of(), List.of(),
                List.of(), null, null, null);
    }

    @Test
    @DisplayName("EC-01 EC-02 a first run imports every contact of every folder and exports the CRM's own; a second "
            + "run with nothing changed does nothing: the sync's own writes coming back are not changes")
    void firstRunThenNothing() {
        remote.add("contacts", "Ann", "Lee");
        remote.add("contacts", "Bo", "Kim");
        remote.add("suppliers", "Cy", "Lund");
        store.create(draft("Dee", "Moe", "Delta"), T0);

        ContactSyncRun.Result first = run();

        assertEquals(List.of(3, 1), List.of(first.createdHere(), first.createdThere()), first::toString);
        assertEquals(List.of("Ann Lee", "Bo Kim", "Cy Lund", "Dee Moe"), store.names());
        assertEquals(List.of("Ann Lee", "Bo Kim", "Cy Lund", "Dee Moe"), remote.names(), "created in the default "
                + "folder");
        assertEquals(new ContactSyncRun.Result(0, 0, 0, 0, 0, 0, 0, 0), run(), "nothing changed on either side");
        assertEquals(Set.of("contacts", "suppliers"), store.listed, "the folders are recorded to pick from");
    }

    @Test
    @DisplayName("EC-01 a contact changed there only is changed here; one changed here only is changed there")
    void oneSideChanges() {
        String ann = remote.add("contacts", "Ann", "Lee");
        run();
        long dee = store.create(draft("Dee", "Moe", "Delta"), T0);
        run();

        remote.change(ann, draft("Ann", "Lee", "Acme Ltd"), T0.plusHours(1));
        store.change(dee, draft("Dee", "Moe", "Delta Inc"), T0.plusHours(1));
        ContactSyncRun.Result result = run();

        assertEquals(List.of(1, 1, 0), List.of(result.updatedHere(), result.updatedThere(), result.conflicts()),
                result::toString);
        assertEquals("Acme Ltd", store.byName("Ann Lee").contact().companyName());
        assertEquals("Delta Inc", remote.byName("Dee Moe").contact().companyName());
        assertEquals(new ContactSyncRun.Result(0, 0, 0, 0, 0, 0, 0, 0), run());
    }

    @Test
    @DisplayName("EC-01 a contact changed on both sides keeps the later change, either side's, and records a conflict")
    void bothSidesChangeLaterWins() {
        String ann = remote.add("contacts", "Ann", "Lee");
        String bo = remote.add("contacts", "Bo", "Kim");
        run();
        long annHere = store.byName("Ann Lee").contactId();
        long boHere = store.byName("Bo Kim").contactId();

        remote.change(ann, draft("Ann", "Lee", "There, later"), T0.plusHours(2));
        store.change(annHere, draft("Ann", "Lee", "Here, earlier"), T0.plusHours(1));
        remote.change(bo, draft("Bo", "Kim", "There, earlier"), T0.plusHours(1));
        store.change(boHere, draft("Bo", "Kim", "Here, later"), T0.plusHours(2));
        ContactSyncRun.Result result = run();

        assertEquals(2, result.conflicts(), result::toString);
        assertEquals(List.of("There, later", "There, later"), List.of(store.byName("Ann Lee").contact().companyName(),
                remote.byName("Ann Lee").contact().companyName()));
        assertEquals(List.of("Here, later", "Here, later"), List.of(store.byName("Bo Kim").contact().companyName(),
                remote.byName("Bo Kim").contact().companyName()));
        assertEquals(2, store.conflicts);
        assertEquals(new ContactSyncRun.Result(0, 0, 0, 0, 0, 0, 0, 0), run(), "settled: no conflict again");
    }

    @Test
    @DisplayName("EC-01 deleted there: the link goes, the CRM contact stays and is not exported again; deleted here: "
            + "deleted there only when the sync created it there, otherwise left there and unlinked")
    void deletions() {
        String ann = remote.add("contacts", "Ann", "Lee");
        remote.add("contacts", "Bo", "Kim");
        long dee = store.create(draft("Dee", "Moe", "Delta"), T0);
        run();

        remote.deleteThere(ann);
        ContactSyncRun.Result removed = run();
        assertEquals(1, removed.removedThere(), removed::toString);
        assertEquals(List.of("Ann Lee", "Bo Kim", "Dee Moe"), store.names(), "the CRM contact stays");
        assertEquals(List.of("Bo Kim", "Dee Moe"), remote.names(), "and is not created there again");

        store.delete(dee);
        store.delete(store.byName("Bo Kim").contactId());
        ContactSyncRun.Result deleted = run();
        assertEquals(1, deleted.deletedThere(), deleted::toString);
        assertEquals(List.of("Bo Kim"), remote.names(), "the contact the sync created is deleted there, the one "
                + "imported from there is left");
        assertTrue(store.links.values().stream().noneMatch(l -> l.contactId() == null), "both links forgotten");
        remote.change(remote.byName("Bo Kim").remoteId(), draft("Bo", "Kim", "Back"), T0.plusHours(3));
        assertEquals(1, run().createdHere(), "a contact unlinked so and changed there later comes back as new");
    }

    @Test
    @DisplayName("EC-01 an expired state restarts the folder's round: changes are taken, nothing is created twice")
    void expiredStateRestarts() {
        for (int i = 0; i < 5; i++) {
            remote.add("contacts", "P" + i, "Doe");
        }
        run();
        remote.add("contacts", "New", "Doe");
        remote.change(remote.byName("P1 Doe").remoteId(), draft("P1", "Doe", "Changed"), T0.plusHours(1));
        remote.expireStates();

        ContactSyncRun.Result result = run();

        assertEquals(List.of(1, 1), List.of(result.createdHere(), result.updatedHere()), result::toString);
        assertEquals(6, store.names().size());
        assertEquals("Changed", store.byName("P1 Doe").contact().companyName());
    }

    @Test
    @DisplayName("EC-01 a run killed before a page's commit resumes from the last committed state: every contact "
            + "once")
    void killedMidRunResumes() {
        for (int i = 0; i < 7; i++) {
            remote.add("contacts", "K" + i, "Doe");
        }
        store.dieAtCommit = 2;

        assertThrows(Killed.class, this::run);
        assertEquals(2, store.names().size(), "the first page was committed");
        run();

        assertEquals(7, store.names().size());
        assertEquals(7, store.names().stream().distinct().count(), "nothing created twice");
        assertEquals(7, remote.names().size(), "nothing exported back");
    }

    @Test
    @DisplayName("EC-02 a create the provider answered but that was never recorded (the node killed before its "
            + "commit) is adopted by the next run: one item there, one contact here, a later change here sent to it")
    void interruptedCreateAdopted() {
        long ann = store.create(withEmail(draft("Ann", "Lee", "A"), "ann@acme.test"), T0);
        store.create(draft("Bo", "Kim", "B"), T0);
        store.dieAtWritten = 1;

        assertThrows(Killed.class, this::run);
        assertEquals(List.of("Ann Lee"), remote.names(), "the provider created it; its answer was lost");
        assertTrue(store.linkOfContact(ann).pending(), store.links::toString);
        store.change(ann, withEmail(draft("Ann", "Lee", "Acme"), "ann@acme.test"), T0.plusHours(1));
        ContactSyncRun.Result result = run();

        assertEquals(List.of("Ann Lee", "Bo Kim"), remote.names(), "Ann not created twice there, Bo created");
        assertEquals(List.of("Ann Lee", "Bo Kim"), store.names(), "nor imported as a new contact here");
        assertEquals(List.of(0, 1, 1), List.of(result.createdHere(), result.createdThere(), result.updatedThere()),
                result::toString);
        assertEquals("Acme", remote.byName("Ann Lee").contact().companyName(), "the change made since was sent");
        assertEquals(remote.byName("Ann Lee").remoteId(), store.linkOfContact(ann).remoteId());
        assertEquals(new ContactSyncRun.Result(0, 0, 0, 0, 0, 0, 0, 0), run(), "then nothing to do");
    }

    @Test
    @DisplayName("EC-02 a create killed before it reached the provider is sent by the next run, once; a contact "
            + "deleted here while its create was pending is forgotten, never deleted there")
    void createNeverSentIsSentOnce() {
        long ann = store.create(draft("Ann", "Lee", "A"), T0);
        long bo = store.create(draft("Bo", "Kim", "B"), T0);
        remote.dieAtCreate = 1;

        assertThrows(Killed.class, this::run);
        assertEquals(List.of(), remote.names());
        store.delete(bo);
        ContactSyncRun.Result result = run();

        assertEquals(List.of("Ann Lee"), remote.names());
        assertEquals(List.of(1, 0), List.of(result.createdThere(), result.deletedThere()), result::toString);
        assertTrue(!store.linkOfContact(ann).pending());
        assertEquals(1, store.links.size(), "Bo's pending link forgotten: " + store.links);
    }

    private static ContactDraft withEmail(ContactDraft draft, String email) {
        return new ContactDraft(draft.name(), draft.givenName(), draft.familyName(), draft.jobTitle(),
                draft.companyName(), null, List.of(email), List.of(), List.of(), null, null, null);
    }

    @Test
    @DisplayName("EC-01 one contact the provider refuses is recorded with its reason; the others are synced")
    void refusedItemRecorded() {
        store.create(draft("Good", "One", "A"), T0);
        store.create(draft("Bad", "One", "B"), T0);
        store.create(draft("Good", "Two", "C"), T0);
        remote.refuse = "Bad One";

        ContactSyncRun.Result result = run();

        assertEquals(List.of(2, 1), List.of(result.createdThere(), result.failed()), result::toString);
        assertEquals(List.of("Good One", "Good Two"), remote.names());
        assertEquals(List.of("refused: Bad One"), store.failures);
    }

    @Test
    @DisplayName("EC-01 the decisions: new there is created here, the sync's own write is skipped, a change there "
            + "with nothing here is taken, both sides changed go by time")
    void decisions() {
        long here = store.create(draft("Ann", "Lee", "A"), T0);
        ContactSyncRun sync = new ContactSyncRun(remote, store);
        ContactRemote.Item item = new ContactRemote.Item("r1", "k2", T0.plusHours(1), draft("Ann", "Lee", "B"));
        long version = store.local(here).version();

        assertTrue(sync.decide(item, null) instanceof CreateHere);
        assertNull(sync.decide(item, new Link(here, "r1", "k2", version, false, false)));
        assertEquals(new UpdateHere(here, item, false), sync.decide(item, new Link(here, "r1", "k1", version, false,
                false)));
        assertEquals(new UpdateHere(here, item, true), sync.decide(item, new Link(here, "r1", "k1", version - 1,
                false, false)), "changed here at T0, there an hour later: there wins");
        ContactRemote.Item earlier = new ContactRemote.Item("r1", "k2", T0.minusHours(1), item.contact());
        assertEquals(new KeepHere(here, earlier), sync.decide(earlier, new Link(here, "r1", "k1", version - 1,
                false, false)));
        assertNull(sync.decide(item, new Link(null, "r1", "k1", 0, true, false)), "deleted here: the export decides");
    }

    /** Thrown by the store that "dies" before a commit. */
    static final class Killed extends RuntimeException {

        private static final long serialVersionUID = 1L;
    }

    /** A provider's contacts: folders, items with change keys, rounds in pages of two, states that can expire. */
    static final class Remote implements ContactRemote {

        private final Map<String, Map<String, Item>> folders = new LinkedHashMap<>();
        /** Every change in order: the remote id changed or deleted, and the folder. */
        private final List<String[]> log = new ArrayList<>();
        private int ids;
        private int keys;
        private int epoch;
        String refuse;
        /** The create, counted from 1, that "kills the node" before it reaches the provider; -1 none. */
        int dieAtCreate = -1;
        private int creates;

        Remote() {
            folders.put("contacts", new LinkedHashMap<>());
            folders.put("suppliers", new LinkedHashMap<>());
        }

        String add(String folder, String given, String family) {
            String id = "r" + ++ids;
            folders.get(folder).put(id, new Item(id, "k" + ++keys, T0, draft(given, family, null)));
            log.add(new String[] {folder, id});
            return id;
        }

        void change(String id, ContactDraft contact, OffsetDateTime at) {
            String folder = folderOf(id);
            folders.get(folder).put(id, new Item(id, "k" + ++keys, at, contact));
            log.add(new String[] {folder, id});
        }

        void deleteThere(String id) {
            String folder = folderOf(id);
            folders.get(folder).remove(id);
            log.add(new String[] {folder, id});
        }

        void expireStates() {
            epoch++;
        }

        private String folderOf(String id) {
            return folders.entrySet().stream().filter(f -> f.getValue().containsKey(id)).findFirst().orElseThrow()
                    .getKey();
        }

        List<String> names() {
            return folders.values().stream().flatMap(f -> f.values().stream()).map(i -> i.contact().name()).sorted()
                    .toList();
        }

        Item byName(String name) {
            return folders.values().stream().flatMap(f -> f.values().stream())
                    .filter(i -> i.contact().name().equals(name)).findFirst().orElseThrow();
        }

        @Override
        public List<Folder> folders() {
            return folders.keySet().stream().map(id -> new Folder(id, id)).toList();
        }

        /**
         * A state is {@code epoch:logPosition:offset}: a round lists the folder's items as at the start in pages of
         * two (offset), then the log from that position; a state of an older epoch has expired.
         */
        @Override
        public Page changes(String folderId, String state) {
            if (state == null) {
                return roundPage(folderId, log.size(), 0);
            }
            String[] parts = state.split(":");
            if (Integer.parseInt(parts[0]) != epoch) {
                return null;
            }
            int position = Integer.parseInt(parts[1]);
            if (parts.length == 3) {
                return roundPage(folderId, position, Integer.parseInt(parts[2]));
            }
            List<Item> changed = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            log.subList(position, log.size()).stream().filter(entry -> entry[0].equals(folderId))
                    .map(entry -> entry[1]).distinct().forEach(id -> {
                        Item item = folders.get(folderId).get(id);
                        if (item == null) {
                            removed.add(id);
                        } else {
                            changed.add(item);
                        }
                    });
            return new Page(changed, removed, epoch + ":" + log.size(), true);
        }

        private Page roundPage(String folderId, int position, int offset) {
            List<Item> all = new ArrayList<>(folders.get(folderId).values());
            List<Item> page = all.subList(Math.min(offset, all.size()), Math.min(offset + 2, all.size()));
            boolean last = offset + 2 >= all.size();
            return new Page(page, List.of(), epoch + ":" + position + (last ? "" : ":" + (offset + 2)), last);
        }

        @Override
        public Written create(String folderId, ContactDraft contact) {
            if (++creates == dieAtCreate) {
                throw new Killed();
            }
            if (contact.name().equals(refuse)) {
                throw new ItemRefused("refused: " + contact.name());
            }
            String id = "r" + ++ids;
            Item item = new Item(id, "k" + ++keys, T0.plusMinutes(keys), contact);
            folders.get(folderId).put(id, item);
            log.add(new String[] {folderId, id});
            return new Written(id, item.changeKey(), item.modifiedAt());
        }

        @Override
        public Written update(String remoteId, ContactDraft contact) {
            if (folders.values().stream().noneMatch(f -> f.containsKey(remoteId))) {
                return null;
            }
            String folder = folderOf(remoteId);
            Item item = new Item(remoteId, "k" + ++keys, T0.plusMinutes(keys), contact);
            folders.get(folder).put(remoteId, item);
            log.add(new String[] {folder, remoteId});
            return new Written(remoteId, item.changeKey(), item.modifiedAt());
        }

        @Override
        public void delete(String remoteId) {
            if (folders.values().stream().anyMatch(f -> f.containsKey(remoteId))) {
                deleteThere(remoteId);
            }
        }
    }

    /** What the database would keep: contacts with versions, links, folder states; a page commits all or nothing. */
    static final class Store implements ContactSyncStore {

        private final Map<Long, Local> contacts = new TreeMap<>();
        final Map<String, Link> links = new LinkedHashMap<>();
        private final Map<String, String> states = new LinkedHashMap<>();
        final List<String> failures = new ArrayList<>();
        final Set<String> listed = new LinkedHashSet<>();
        int conflicts;
        int commits;
        int dieAtCommit = -1;
        /** The recorded write, counted from 1, that "kills the node" after the provider answered; -1 none. */
        int dieAtWritten = -1;
        private int writes;
        private final Map<Long, String> fingerprints = new LinkedHashMap<>();
        private long ids;

        long create(ContactDraft contact, OffsetDateTime at) {
            long id = ++ids;
            contacts.put(id, new Local(id, 1, at, contact));
            return id;
        }

        void change(long id, ContactDraft contact, OffsetDateTime at) {
            Local local = contacts.get(id);
            contacts.put(id, new Local(id, local.version() + 1, at, contact));
        }

        void delete(long id) {
            contacts.remove(id);
            links.replaceAll((remoteId, l) -> Objects.equals(l.contactId(), id)
                    ? new Link(null, l.remoteId(), l.changeKey(), l.syncedVersion(), l.createdHere(), l.removedThere(),
                            l.pending())
                    : l);
        }

        List<String> names() {
            return contacts.values().stream().map(l -> l.contact().name()).sorted().toList();
        }

        Local byName(String name) {
            return contacts.values().stream().filter(l -> l.contact().name().equals(name)).findFirst().orElseThrow();
        }

        @Override
        public void folders(List<ContactRemote.Folder> folders) {
            folders.forEach(folder -> listed.add(folder.id()));
        }

        @Override
        public String state(String folderId) {
            return states.get(folderId);
        }

        @Override
        public Link linkOfRemote(String remoteId) {
            return links.get(remoteId);
        }

        @Override
        public Link linkOfContact(long contactId) {
            return links.values().stream().filter(l -> Objects.equals(l.contactId(), contactId)).findFirst()
                    .orElse(null);
        }

        @Override
        public Local local(long contactId) {
            return contacts.get(contactId);
        }

        @Override
        public void commitPage(String folderId, List<Decision> decisions, String state) {
            if (++commits == dieAtCommit) {
                throw new Killed();
            }
            for (Decision decision : decisions) {
                if (decision instanceof CreateHere created) {
                    long id = create(created.item().contact(), created.item().modifiedAt());
                    links.put(created.item().remoteId(), new Link(id, created.item().remoteId(),
                            created.item().changeKey(), 1, false, false));
                } else if (decision instanceof UpdateHere updated) {
                    Local local = contacts.get(updated.contactId());
                    contacts.put(local.contactId(), new Local(local.contactId(), local.version() + 1,
                            updated.item().modifiedAt(), updated.item().contact()));
                    Link link = links.get(updated.item().remoteId());
                    links.put(link.remoteId(), new Link(link.contactId(), link.remoteId(), updated.item().changeKey(),
                            local.version() + 1, link.createdHere(), false));
                    conflicts += updated.conflict() ? 1 : 0;
                } else if (decision instanceof KeepHere kept) {
                    Link link = links.get(kept.item().remoteId());
                    links.put(link.remoteId(), new Link(link.contactId(), link.remoteId(), kept.item().changeKey(),
                            link.syncedVersion(), link.createdHere(), false));
                    conflicts++;
                } else if (decision instanceof RemovedThere removed) {
                    removedThere(removed.remoteId());
                } else if (decision instanceof Adopt adopt) {
                    links.remove("pending:" + adopt.contactId());
                    fingerprints.remove(adopt.contactId());
                    links.put(adopt.item().remoteId(), new Link(adopt.contactId(), adopt.item().remoteId(),
                            adopt.item().changeKey(), adopt.sentVersion(), true, false));
                }
            }
            states.put(folderId, state);
        }

        @Override
        public List<Local> changedHere(int max) {
            return contacts.values().stream().filter(local -> {
                Link link = linkOfContact(local.contactId());
                return link == null || !link.removedThere()
                        && (link.syncedVersion() != local.version() || link.pending());
            }).limit(max).collect(Collectors.toList());
        }

        @Override
        public List<Link> deletedHere() {
            return links.values().stream().filter(l -> l.contactId() == null).toList();
        }

        @Override
        public void creating(long contactId, long version, String fingerprint) {
            links.values().removeIf(l -> Objects.equals(l.contactId(), contactId));
            links.put("pending:" + contactId, new Link(contactId, "pending:" + contactId, null, version, true, false,
                    true));
            fingerprints.put(contactId, fingerprint);
        }

        @Override
        public Link pendingOf(String fingerprint) {
            return links.values().stream().filter(l -> l.pending() && l.contactId() != null
                    && fingerprint.equals(fingerprints.get(l.contactId()))).findFirst().orElse(null);
        }

        @Override
        public void written(long contactId, long syncedVersion, ContactRemote.Written written, boolean createdHere) {
            if (++writes == dieAtWritten) {
                throw new Killed();
            }
            fingerprints.remove(contactId);
            links.values().removeIf(l -> Objects.equals(l.contactId(), contactId));
            links.put(written.remoteId(), new Link(contactId, written.remoteId(), written.changeKey(), syncedVersion,
                    createdHere, false));
        }

        @Override
        public void removedThere(String remoteId) {
            Link link = links.get(remoteId);
            links.put(remoteId, new Link(link.contactId(), remoteId, link.changeKey(), link.syncedVersion(),
                    link.createdHere(), true));
        }

        @Override
        public void forget(String remoteId) {
            links.remove(remoteId);
        }

        @Override
        public void failed(String remoteId, Long contactId, String reason) {
            failures.add(reason);
        }
    }
}
