package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.time.OffsetDateTime;
import org.switchboard.model.mailbox.LoadPeriod;
import org.switchboard.model.mailbox.MailboxStatus;

/**
 * A mailbox as its owner sees it (MB-01, MB-02, MB-08): address, provider, log-in name (never the password), its
 * settings, and where its sync stands with the progress of the running one.
 *
 * @param syncPending a sync is requested or claimed and has not finished yet (the panel watches it, MB-06)
 */
public record MailboxView(long id, long version, String address, long providerId, String providerName,
        String login, MailboxStatus status, String lastError, OffsetDateTime lastErrorAt, LoadPeriod loadPeriod,
        boolean autoSync, boolean allFolders, boolean sendEnabled, boolean defaultSender, boolean useAlias,
        String alias, boolean useSignature, boolean shared, OffsetDateTime lastSyncAt, OffsetDateTime nextSyncAt,
        boolean syncPending, int syncPlanned, int syncLoaded, long emailCount) implements Serializable {
}
