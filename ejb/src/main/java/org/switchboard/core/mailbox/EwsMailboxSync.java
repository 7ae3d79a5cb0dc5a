package org.switchboard.core.mailbox;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.switchboard.core.exchange.EwsException;
import org.switchboard.core.exchange.EwsMailClient;
import org.switchboard.core.exchange.EwsMailClient.ItemPage;
import org.switchboard.core.exchange.EwsMailClient.SyncedFolder;
import org.switchboard.core.exchange.EwsMailbox;

/**
 * One sync run of an Exchange Server mailbox over EWS (MB-02, issue 20 item 4): the folder tree from
 * {@code SyncFolderHierarchy} (read whole each run: a mailbox has few folders), then each folder's
 * {@code SyncFolderItems} from its stored SyncState, 100 changes a page, stored with the state that follows them
 * ({@link RemoteMailboxSync}); a state Exchange refuses ({@code ErrorInvalidSyncStateData}) starts the folder again.
 * {@code ErrorServerBusy} waits the back-off Exchange names, a few times at most.
 */
final class EwsMailboxSync extends RemoteMailboxSync {

    static final int PAGE_SIZE = 100;
    private static final int THROTTLE_WAITS = 5;

    private final EwsMailClient ews;
    private final EwsMailbox mailbox;

    EwsMailboxSync(EwsMailClient ews, EwsMailbox mailbox, MailboxSyncStore store, Charset fallback, MailSpool spool) {
        super(store, fallback, spool);
        this.ews = ews;
        this.mailbox = mailbox;
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

    private <T> T call(Function<EwsMailbox, T> request) {
        int waits = 0;
        while (true) {
            try {
                return request.apply(mailbox);
            } catch (EwsException e) {
                if (e.outcome() == EwsException.Outcome.THROTTLED && waits++ < THROTTLE_WAITS) {
                    pause(e.backOff(), new EwsException(EwsException.Outcome.UNAVAILABLE, null,
                            "interrupted while Exchange asked to wait", null));
                    continue;
                }
                throw e;
            }
        }
    }
}
