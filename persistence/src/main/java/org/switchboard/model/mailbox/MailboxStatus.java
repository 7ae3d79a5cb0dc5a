package org.switchboard.model.mailbox;

/** Where a mailbox's sync stands (MB-01, MB-02): never synced, syncing now, up to date, or failing with a reason. */
public enum MailboxStatus {
    NEW, SYNCING, READY, FAILED
}
