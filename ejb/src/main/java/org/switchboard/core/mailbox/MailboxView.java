package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.time.OffsetDateTime;
import org.switchboard.model.mailbox.LoadPeriod;
import org.switchboard.model.mailbox.MailboxStatus;

/**
 * A mailbox as its owner, or a user it is shared with, sees it (MB-01, MB-02, MB-08, SM-02): address, provider,
 * log-in name (never the password), its settings, and where its sync stands with the progress of the running one.
 *
 * @param loadPeriodFixed the first sync has fixed where the load starts: the period can no longer be changed (MB-02)
 * @param syncPending a sync is requested or claimed and has not finished yet (the panel watches it, MB-06)
 * @param owned the caller owns it; otherwise it is shared with them (SM-02) by {@code ownerName}
 * @param mayConfigure the caller may open its settings (owner or <em>configure</em>, SM-02)
 * @param microsoftSignIn it signs in with Microsoft, not with a password (MO-01: Microsoft 365, hybrid Exchange)
 */
public record MailboxView(long id, long version, String address, long providerId, String providerName,
        String login, MailboxStatus status, String lastError, OffsetDateTime lastErrorAt, LoadPeriod loadPeriod,
        boolean loadPeriodFixed, boolean autoSync, boolean allFolders, boolean sendEnabled, boolean defaultSender,
        boolean useAlias, String alias, boolean useSignature, boolean shared, OffsetDateTime lastSyncAt,
        OffsetDateTime nextSyncAt, boolean syncPending, int syncPlanned, int syncLoaded, long emailCount,
        boolean owned, String ownerName, boolean mayConfigure, MailTransport transport, String signInReason,
        OffsetDateTime signInNeededAt, boolean microsoftSignIn) implements Serializable {

    /** MO-02: its grant is gone; its sync pauses until its owner signs in again. */
    public boolean needsSignIn() {
        return signInNeededAt != null;
    }
}
