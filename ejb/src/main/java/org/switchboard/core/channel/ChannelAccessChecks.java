package org.switchboard.core.channel;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.ProviderException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Checks that each channel's messenger still takes its messages (FB-07): daily, by whichever node claims the channel
 * first; at once for every channel of a provider that told Switchboard an authorization was withdrawn (Facebook's
 * deauthorize callback); and when an administrator asks on the card. A failed check flags the channel
 * ({@link ChannelFlags}); a messenger that cannot be reached gives no verdict and the next check asks again. Only a
 * check the administrator asked for clears a flag: a flag raised by a refused send or by another app that took the
 * page's conversations is not something the daily check can see gone.
 */
@Stateless
public class ChannelAccessChecks {

    /** How often each channel is checked. */
    public static final Duration EVERY = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(ChannelAccessChecks.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChannelAdapters adapters;

    @Inject
    private ChannelFlags flags;

    @Inject
    private Clock clock;

    /**
     * What a check found: the reason the channel is flagged for, or null when the messenger takes its messages; when
     * it could not be asked ({@code reached} false), why.
     */
    public record Verdict(long channelId, String reason, boolean reached, String note) {
    }

    /** The channels whose adapters check access, optionally of one provider only. */
    @PermitAll
    public List<Long> checked(ChannelProvider provider) {
        List<ChannelProvider> providers = adapters.offered().stream().filter(p -> adapters.of(p).checksAccess())
                .filter(p -> provider == null || p == provider).toList();
        if (providers.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT c.id FROM Channel c WHERE c.provider IN :providers ORDER BY c.id", Long.class)
                .setParameter("providers", providers).getResultList();
    }

    /**
     * The daily check of one channel, when it is due and no other node took it: claimed, asked and judged in one
     * transaction of its own (the row's claim keeps the other nodes off it meanwhile).
     *
     * @return the verdict, empty when the check was not due
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Verdict> checkIfDue(long channelId, boolean force) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int claimed = em.createNamedQuery(Channel.CLAIM_ACCESS_CHECK).setParameter("now", now)
                .setParameter("id", channelId).setParameter("due", force ? now.plusSeconds(1) : now.minus(EVERY))
                .executeUpdate();
        if (claimed == 0) {
            return Optional.empty();
        }
        em.clear();
        return Optional.of(check(channelId, false));
    }

    /**
     * The administrator's "Check now" on the card (FB-07): a passing check clears the flag, a failed one flags.
     *
     * @throws ProviderException when the messenger could not be reached: no verdict, the flag stays as it was
     */
    @RolesAllowed(Operations.CAN_MANAGE_CHATS)
    public Verdict checkNow(long channelId) {
        Verdict verdict = check(channelId, true);
        if (!verdict.reached()) {
            throw new ProviderException("error.channel.checkUnreachable", null, verdict.note());
        }
        return verdict;
    }

    /** @param clears whether a passing check clears the flag: the administrator's, not the daily one */
    private Verdict check(long channelId, boolean clears) {
        Channel channel = em.createNamedQuery(Channel.WITH_PROPERTIES, Channel.class).setParameter("id", channelId)
                .getResultStream().findFirst().orElseThrow(() -> new RecordNotFoundException("Channel", channelId));
        ChannelAdapter adapter = adapters.of(channel.getProvider());
        Optional<String> lost;
        try {
            lost = adapter.checkAccess(channel);
        } catch (ProviderRefusedException e) {
            LOG.warning(() -> "The access check of channel " + channelId + " got no answer: " + e.getMessage());
            return new Verdict(channelId, channel.getFlagReason(), false, e.getMessage());
        }
        if (lost.isPresent()) {
            flags.flag(channel, lost.get());
        } else if (clears) {
            flags.clear(channel);
        }
        LOG.fine(() -> "Access check of channel " + channelId + ": " + lost.orElse("fine"));
        return new Verdict(channelId, channel.getFlagReason(), true, null);
    }
}
