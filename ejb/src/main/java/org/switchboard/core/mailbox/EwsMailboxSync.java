package org.switchboard.core.mailbox;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.switchboard.core.exchange.EntraException;
import org.switchboard.core.exchange.EwsCredentials;
import org.switchboard.core.exchange.EwsException;
import org.switchboard.core.exchange.EwsMailClient;
import org.switchboard.core.exchange.EwsMailClient.ItemPage;
import org.switchboard.core.exchange.EwsMailClient.SyncedFolder;
import org.switchboard.core.exchange.EwsMailbox;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * One sync run of an Exchange Server mailbox over EWS (MB-02, issue 20 item 4): the folder tree from
 * {@code SyncFolderHierarchy} (read whole each run: a mailbox has few folders), then each folder's
 * {@code SyncFolderItems} from its stored SyncState, 100 changes a page, stored with the state that follows them
 * ({@link RemoteMailboxSync}); a state Exchange refuses ({@code ErrorInvalidSyncStateData}) starts the folder again.
 * {@code ErrorServerBusy} waits the back-off Exchange names, a few times at most. A mailbox signed in with Microsoft
 * (hybrid modern authentication) calls with its access token, refreshed once when Exchange refuses it.
 */
final class EwsMailboxSync extends RemoteMailboxSync {

    static final int PAGE_SIZE = 100;
    private static final int THROTTLE_WAITS = 5;

    private final EwsMailClient ews;
    private final MicrosoftTokenStore tokens;
    /** The mailbox with the run's credentials; a refused access token is replaced (by any download thread). */
    private volatile EwsMailbox mailbox;
    private long mailboxId;

    EwsMailboxSync(EwsMailClient ews, MicrosoftTokenStore tokens, MailboxSyncStore store, Charset fallback,
            MailSpool spool) {
        super(store, fallback, spool);
        this.ews = ews;
        this.tokens = tokens;
    }

    /**
     * Syncs the plan's mailbox.
     *
     * @throws EwsException when Exchange failed beyond what the run handles
     * @throws EntraException when a mailbox signed in with Microsoft has no access token ({@code SIGN_IN_AGAIN}:
     *     the mailbox is flagged)
     */
    @Override
    Result run(SyncPlan plan) {
        mailboxId = plan.mailboxId();
        mailbox = EwsAccess.signedIn(plan.ews(), mailboxId, tokens);
        return super.run(plan);
    }

    @Override
    List<Folder> folders(SyncPlan plan) {
        List<Folder> folders = new ArrayList<>();
        for (SyncedFolder folder : call(box -> ews.folders(box, null)).changed()) {
            folders.add(new Folder(folder.id(), folder.parentId(), folder.displayName(), folder.totalCount()));
        }
        return folders;
    }

    @Override
    Page page(SyncPlan plan, String folderId, String state) {
        ItemPage page;
        try {
            page = call(box -> ews.syncItems(box, folderId, state, PAGE_SIZE));
        } catch (EwsException e) {
            if (e.outcome() == EwsException.Outcome.SYNC_STATE_INVALID) {
                return null;
            }
            throw e;
        }
        return new Page(page.changed().stream().map(i -> new Item(i.id(), i.internetMessageId(), i.receivedAt()))
                .toList(), page.syncState(), !page.moreAvailable());
    }

    @Override
    InputStream mime(SyncPlan plan, String itemId) {
        return call(box -> ews.mime(box, itemId));
    }

    @Override
    boolean stops(RuntimeException failure) {
        return failure instanceof EwsException ewsFailure && ewsFailure.outcome() != EwsException.Outcome.REFUSED;
    }

    /**
     * One EWS call with the run's credentials: {@code ErrorServerBusy} waited out as Exchange asks (a few times at
     * most), a refused access token replaced once by a refreshed one (MO-02).
     */
    private <T> T call(Function<EwsMailbox, T> request) {
        int waits = 0;
        boolean refreshed = false;
        while (true) {
            EwsMailbox current = mailbox;
            try {
                return request.apply(current);
            } catch (EwsException e) {
                if (e.outcome() == EwsException.Outcome.SIGN_IN_FAILED && !refreshed
                        && current.credentials() instanceof EwsCredentials.Bearer) {
                    refreshed = true;
                    replaceToken(current);
                    continue;
                }
                if (e.outcome() == EwsException.Outcome.THROTTLED && waits++ < THROTTLE_WAITS) {
                    pause(e.backOff(), new EwsException(EwsException.Outcome.UNAVAILABLE, null,
                            "interrupted while Exchange asked to wait", null));
                    continue;
                }
                throw e;
            }
        }
    }

    /** A new token for the run, unless another download thread replaced the refused one meanwhile. */
    private synchronized void replaceToken(EwsMailbox refused) {
        if (mailbox == refused) {
            mailbox = EwsAccess.tokenReplaced(refused, mailboxId, tokens);
        }
    }
}
