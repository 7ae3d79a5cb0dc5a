package org.switchboard.core.crm.sync;

import java.io.Serializable;

/**
 * One of the caller's Exchange mailboxes in the Contacts section's "Sync contacts" menu (EC-05): "Set up ‹address›"
 * opens its sync page; "Run sync" runs those set up.
 */
public record ContactSyncChoice(long mailboxId, String address, boolean setUp) implements Serializable {
}
