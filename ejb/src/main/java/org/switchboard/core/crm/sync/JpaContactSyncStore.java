package org.switchboard.core.crm.sync;

import java.util.List;

/**
 * One mailbox's {@link ContactSyncStore} over {@link ContactSyncRecords}: each call its own transaction; after each
 * committed page and each export batch read, {@code progressed} runs (the run renews its claim).
 */
final class JpaContactSyncStore implements ContactSyncStore {

    private final ContactSyncRecords records;
    private final long mailboxId;
    private final Runnable progressed;

    JpaContactSyncStore(ContactSyncRecords records, long mailboxId, Runnable progressed) {
        this.records = records;
        this.mailboxId = mailboxId;
        this.progressed = progressed;
    }

    @Override
    public void folders(List<ContactRemote.Folder> folders) {
        records.folders(mailboxId, folders);
    }

    @Override
    public String state(String folderId) {
        return records.state(mailboxId, folderId);
    }

    @Override
    public Link linkOfRemote(String remoteId) {
        return records.linkOfRemote(mailboxId, remoteId);
    }

    @Override
    public Link linkOfContact(long contactId) {
        return records.linkOfContact(mailboxId, contactId);
    }

    @Override
    public Local local(long contactId) {
        return records.local(contactId);
    }

    @Override
    public void commitPage(String folderId, List<Decision> decisions, String state) {
        records.commitPage(mailboxId, folderId, decisions, state);
        progressed.run();
    }

    @Override
    public List<Local> changedHere(int max) {
        progressed.run();
        return records.changedHere(mailboxId, max);
    }

    @Override
    public List<Link> deletedHere() {
        return records.deletedHere(mailboxId);
    }

    @Override
    public void creating(long contactId, long version, String fingerprint) {
        records.creating(mailboxId, contactId, version, fingerprint);
    }

    @Override
    public Link pendingOf(String fingerprint) {
        return records.pendingOf(mailboxId, fingerprint);
    }

    @Override
    public void written(long contactId, long syncedVersion, ContactRemote.Written written, boolean createdHere) {
        records.written(mailboxId, contactId, syncedVersion, written, createdHere);
    }

    @Override
    public void removedThere(String remoteId) {
        records.removedThere(mailboxId, remoteId);
    }

    @Override
    public void forget(String remoteId) {
        records.forget(mailboxId, remoteId);
    }

    @Override
    public void failed(String remoteId, Long contactId, String reason) {
        records.failed(mailboxId, remoteId, contactId, reason);
    }
}
