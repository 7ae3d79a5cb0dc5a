package org.switchboard.core.channel.facebook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Which channel owns a Facebook page (FB-02, FB-04): Messenger's webhook names the page, not the channel. The map of
 * all Facebook channels is remembered for {@link #TTL_NANOS} and read again when a page is not in it (at once for a
 * page first missed, then at most once a second per page), so a page connected a moment ago, on any node, is found. A page no channel owns is logged once, not every time
 * Meta posts for it.
 */
@ApplicationScoped
public class FacebookPages {

    static final long TTL_NANOS = 30_000_000_000L;
    private static final long RELOAD_NANOS = 1_000_000_000L;
    private static final int LOGGED_MAX = 1_000;
    private static final Logger LOG = Logger.getLogger(FacebookPages.class.getName());

    @PersistenceContext
    private EntityManager em;

    private record Owners(Map<String, Long> byPage, long loadedAt) {
    }

    private volatile Owners owners;
    private final Set<String> loggedUnknown = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> missedAt = new ConcurrentHashMap<>();

    /** The channel of this page, if one owns it. */
    public OptionalLong channelOf(String pageId) {
        long now = System.nanoTime();
        Owners current = owners;
        if (current == null || now - current.loadedAt() >= TTL_NANOS) {
            current = load(now);
        }
        Long channel = current.byPage().get(pageId);
        if (channel == null && reloadFor(pageId, now)) {
            channel = load(now).byPage().get(pageId);
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
     * Whether a miss of this page may read the map again: at once the first time (a page connected a moment ago, on
     * this node or another), then at most once a second for the same page.
     */
    private boolean reloadFor(String pageId, long now) {
        if (missedAt.size() > LOGGED_MAX) {
            missedAt.clear();
        }
        Long last = missedAt.put(pageId, now);
        return last == null || now - last >= RELOAD_NANOS;
    }

    private Owners load(long now) {
        Map<String, Long> byPage = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Channel.PROPERTY_OF_PROVIDER, Object[].class)
                .setParameter("provider", ChannelProvider.FACEBOOK).setParameter("name", FacebookSettings.PAGE_ID)
                .getResultList()) {
            byPage.put((String) row[1], ((Number) row[0]).longValue());
        }
        Owners loaded = new Owners(Map.copyOf(byPage), now);
        owners = loaded;
        return loaded;
    }
}
