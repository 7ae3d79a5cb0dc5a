package org.switchboard.core.mailbox;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;
import org.switchboard.core.common.Pkce;
import org.switchboard.core.exchange.EntraException;
import org.switchboard.core.exchange.GraphException;
import org.switchboard.core.exchange.GraphMailClient;
import org.switchboard.core.exchange.GraphMailClient.DeltaPage;
import org.switchboard.core.exchange.GraphMailbox;
import org.switchboard.core.exchange.GraphRetries;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * One sync run of a Microsoft 365 mailbox over Microsoft Graph (MB-02, SM-01, MP-11): the folder tree from
 * {@code mailFolders}, then each folder's {@code messages/delta} round, 50 messages a page, stored with the link
 * that follows them ({@link RemoteMailboxSync}); a 410 (the delta token expired) starts the folder's round again.
 * Throttling (429, 503) waits as Graph asks, a refused access token is refreshed once. The mailbox is always reached
 * by its address ({@code /users/{address}}), so a sign-in as another account can never load that account's mail
 * instead, and a shared mailbox works the same way through the connecting user's {@code .Shared} permissions. After
 * each folder its change-notification subscription is kept ({@link #afterFolder}).
 */
final class GraphMailboxSync extends RemoteMailboxSync {

    private static final Logger LOG = Logger.getLogger(GraphMailboxSync.class.getName());
    /** Messages asked for per delta page ({@code Prefer: odata.maxpagesize}). */
    static final int PAGE_SIZE = 50;
    /** How many throttled answers in a row one call waits out before the run gives up until the next. */
    /** MP-11: a subscription is renewed when it expires within this (Graph keeps one at most 10,070 minutes). */
    static final Duration RENEW_BEFORE = Duration.ofDays(1);
    /** MP-11: after Graph refused a subscription, the next attempt waits this long. */
    static final Duration RETRY = Duration.ofDays(1);

    private final GraphMailClient graph;
    private final MicrosoftTokenStore tokens;
    private final MailboxSyncStore store;
    private final Clock clock;
    /** The mailbox with the run's token; replaced (by any download thread) when Graph refused the token. */
    private volatile GraphMailbox mailbox;

    GraphMailboxSync(GraphMailClient graph, MicrosoftTokenStore tokens, MailboxSyncStore store, Charset fallback,
            MailSpool spool, Clock clock) {
        super(store, fallback, spool);
        this.graph = graph;
        this.tokens = tokens;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Syncs the plan's mailbox.
     *
     * @throws GraphException when Graph failed beyond what the run handles (unreachable, refusing, throttling on)
     * @throws EntraException when no access token could be had ({@code SIGN_IN_AGAIN}: the mailbox is flagged)
     */
    @Override
    Result run(SyncPlan plan) {
        mailbox = new GraphMailbox(plan.address(), true, tokens.accessToken(plan.mailboxId()));
        return super.run(plan);
    }

    @Override
    List<Folder> folders(SyncPlan plan) {
        return call(plan, box -> graph.folders(box)).stream()
                .map(f -> new Folder(f.id(), f.parentId(), f.displayName(), f.totalCount())).toList();
    }

    @Override
    Page page(SyncPlan plan, String folderId, String state) {
        DeltaPage page;
        try {
            page = call(plan, box -> graph.delta(box, folderId, state, PAGE_SIZE));
        } catch (GraphException e) {
            if (e.outcome() == GraphException.Outcome.DELTA_EXPIRED) {
                return null;
            }
            throw e;
        }
        return new Page(page.changed().stream().map(m -> new Item(m.id(), m.internetMessageId(), m.receivedAt()))
                .toList(), page.complete() ? page.deltaLink() : page.nextLink(), page.complete());
    }

    @Override
    InputStream mime(SyncPlan plan, String itemId) {
        return call(plan, box -> graph.mime(box, itemId));
    }

    @Override
    boolean stops(RuntimeException failure) {
        return failure instanceof EntraException || failure instanceof GraphException graphFailure
                && graphFailure.outcome() != GraphException.Outcome.REFUSED;
    }

    /**
     * MP-11: keeps the folder subscribed to Graph's change notifications while {@code SiteUrl} is a public https
     * address and the mailbox loads automatically: subscribes (a new random clientState, encrypted at rest) when it
     * has none, renews a day before expiry (or when Graph asked to reauthorize), subscribes again when Graph no longer
     * has it, and deletes it when notifications are off. A refusal (a shared mailbox: delegated tokens cannot
     * subscribe to it; a notification URL Graph cannot reach) is recorded and tried again a day later; the interval's
     * polling covers the folder meanwhile. Runs inside the mailbox's sync claim: once across nodes.
     */
    @Override
    void afterFolder(SyncPlan plan, String folderId, String path) {
        SyncPlan.RemoteCursor cursor = plan.remoteCursor(path);
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            if (plan.hooksUrl() == null) {
                if (cursor.subscriptionId() != null) {
                    call(plan, box -> {
                        graph.unsubscribe(box, cursor.subscriptionId());
                        return null;
                    });
                    store.subscription(plan, path, null, null, null, null);
                }
                return;
            }
            if (cursor.subscriptionRefusedAt() != null && cursor.subscriptionRefusedAt().isAfter(now.minus(RETRY))) {
                return;
            }
            if (cursor.subscriptionId() != null && folderId.equals(cursor.remoteId())) {
                if (cursor.subscriptionExpiresAt() != null
                        && cursor.subscriptionExpiresAt().isAfter(now.plus(RENEW_BEFORE))) {
                    return;
                }
                try {
                    GraphMailClient.Subscription renewed = call(plan,
                            box -> graph.renew(box, cursor.subscriptionId(), null));
                    store.subscriptionRenewed(cursor.subscriptionId(), renewed.expiresAt());
                    return;
                } catch (GraphException e) {
                    if (e.outcome() != GraphException.Outcome.SUBSCRIPTION_GONE) {
                        throw e;
                    }
                }
            }
            String clientState = Pkce.random(32);
            GraphMailClient.Subscription created = call(plan, box -> graph.subscribe(box, folderId,
                    plan.hooksUrl() + GraphHooks.PATH, plan.hooksUrl() + GraphHooks.LIFECYCLE_PATH, clientState, null));
            store.subscription(plan, path, created.id(), clientState, created.expiresAt(), null);
            LOG.fine(() -> "Mailbox " + plan.mailboxId() + ", folder " + path + ": subscribed to Graph's change "
                    + "notifications until " + created.expiresAt());
        } catch (GraphException e) {
            if (e.outcome() == GraphException.Outcome.REFUSED) {
                store.subscription(plan, path, null, null, null, now);
                LOG.info(() -> "Mailbox " + plan.mailboxId() + ", folder " + path + ": Graph refused change "
                        + "notifications (" + e.getMessage() + "); the folder is polled every interval");
            } else {
                LOG.info(() -> "Mailbox " + plan.mailboxId() + ", folder " + path + ": the subscription to Graph's "
                        + "change notifications is tried again next sync: " + e.getMessage());
            }
        }
    }

    /** A new token for the run; another thread that refreshed meanwhile makes this one take its token. */
    private synchronized void refresh(SyncPlan plan) {
        GraphMailbox current = mailbox;
        mailbox = current.withToken(tokens.replaceRejected(plan.mailboxId(), current.accessToken()));
    }

    /** One Graph call with the run's token, retried as {@link GraphRetries} does. */
    private <T> T call(SyncPlan plan, Function<GraphMailbox, T> request) {
        return GraphRetries.call(() -> mailbox, () -> refresh(plan), request);
    }
}
