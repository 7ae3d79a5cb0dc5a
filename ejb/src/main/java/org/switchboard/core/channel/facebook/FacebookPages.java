package org.switchboard.core.channel.facebook;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.switchboard.core.common.TransactionEnd;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Which channel owns a Facebook page (FB-02, FB-04), and which channels have an external bot that answers first
 * (FB-05): Messenger's webhook names the page, not the channel. The map of
 * all Facebook channels is remembered for {@link #TTL_NANOS}; a page saved on this node makes it be read again as soon
 * as the save commits ({@link #forget()}), and a page not in it makes it be read again (at once for a page first
 * missed, then at most once a second per page), so a page connected a moment ago, on any node, is found. Requests
 * that miss together wait for one reading rather than each read, and none of them answers from a map older than the
 * reading that ran while it waited. A page no channel owns is logged once, not every time Meta posts for it.
 */
@ApplicationScoped
public class FacebookPages {

    static final long TTL_NANOS = 30_000_000_000L;
    private static final long RELOAD_NANOS = 1_000_000_000L;
    private static final int LOGGED_MAX = 1_000;
    private static final Logger LOG = Logger.getLogger(FacebookPages.class.getName());

    @PersistenceContext
    private EntityManager em;

    /** The owners by page, the bots' app ids by channel, and when their reading began. */
    private record Owners(Map<String, Long> byPage, Map<Long, String> bots, long loadedAt) {
    }

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private volatile Owners owners;
    private final Set<String> loggedUnknown = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> missedAt = new ConcurrentHashMap<>();

    /** The channel of this page, if one owns it. */
    public OptionalLong channelOf(String pageId) {
        long started = System.nanoTime();
        Owners current = owners;
        if (current == null || started - current.loadedAt() >= TTL_NANOS) {
            current = load();
        }
        Long channel = current.byPage().get(pageId);
        if (channel == null) {
            channel = afterMiss(pageId, started);
        }
        if (channel == null) {
            if (loggedUnknown.size() < LOGGED_MAX && loggedUnknown.add(pageId)) {
                LOG.warning(() -> "Messenger posted for Facebook page " + pageId + ", which no channel owns: "
                        + "acknowledged and dropped (logged once per page)");
            }
            return OptionalLong.empty();
        }
        return OptionalLong.of(channel);
    }

    /**
     * The app id of the external bot that answers first on this channel (FB-05), as remembered with the pages; empty
     * when the channel has none.
     */
    public Optional<String> botOf(long channelId) {
        Owners current = owners;
        if (current == null || System.nanoTime() - current.loadedAt() >= TTL_NANOS) {
            current = load();
        }
        return Optional.ofNullable(current.bots().get(channelId));
    }

    /**
     * Reads the pages and bots again once the caller's transaction has ended (a channel's bot changed, FB-05), and
     * right away, so that this node's webhook follows at once.
     */
    void forgetOnCompletion() {
        owners = null;
        TransactionEnd.afterCompletion(transactions, () -> owners = null);
    }

    /**
     * A page saved on this node (FB-02): the map is read again by the next request, so that a page connected a moment
     * ago is not taken for one no channel owns. Called once the save has committed.
     */
    public void forget() {
        owners = null;
        missedAt.clear();
    }

    /**
     * After a miss, one at a time: the map another request read while this one waited, when that reading began after
     * this request did; otherwise a reading of its own, at once for a page first missed, then at most once a second
     * for the same page.
     */
    private synchronized Long afterMiss(String pageId, long started) {
        Owners current = owners;
        if (current != null && current.loadedAt() - started >= 0) {
            return current.byPage().get(pageId);
        }
        long now = System.nanoTime();
        if (missedAt.size() > LOGGED_MAX) {
            missedAt.clear();
        }
        Long last = missedAt.put(pageId, now);
        if (current != null && last != null && now - last < RELOAD_NANOS) {
            return current.byPage().get(pageId);
        }
        return load().byPage().get(pageId);
    }

    private Owners load() {
        long began = System.nanoTime();
        Map<String, Long> byPage = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Channel.PROPERTY_OF_PROVIDER, Object[].class)
                .setParameter("provider", ChannelProvider.FACEBOOK).setParameter("name", FacebookSettings.PAGE_ID)
                .getResultList()) {
            byPage.put((String) row[1], ((Number) row[0]).longValue());
        }
        Map<Long, String> bots = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Channel.PROPERTY_OF_PROVIDER, Object[].class)
                .setParameter("provider", ChannelProvider.FACEBOOK).setParameter("name", FacebookSettings.BOT_APP_ID)
                .getResultList()) {
            bots.put(((Number) row[0]).longValue(), (String) row[1]);
        }
        Owners loaded = new Owners(Map.copyOf(byPage), Map.copyOf(bots), began);
        owners = loaded;
        return loaded;
    }
}
