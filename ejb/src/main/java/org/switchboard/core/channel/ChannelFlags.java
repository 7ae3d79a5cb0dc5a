package org.switchboard.core.channel;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.Operations;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.security.OperationGrant;

/**
 * Flags a channel whose provider no longer takes its messages (FB-07), and clears the flag: the reason and the time go
 * on the channel, its replies then fail at once with that reason ({@code ChannelDeliveries}), and a
 * {@link ChannelFlagged} event goes to the Event log and to the panels of the holders of {@code CanManageChats}. It is
 * called by Switchboard itself (a send the provider refused for lack of access, the daily check, a webhook), never by
 * a user: the screens that show and clear flags check {@code CanManageChats} themselves.
 */
@Stateless
@PermitAll
public class ChannelFlags {

    private static final Logger LOG = Logger.getLogger(ChannelFlags.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox events;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    /**
     * Flags the channel in a transaction of its own (the caller's may be about to roll back). A channel flagged with
     * the same reason already is left as it is, so a storm of refused sends makes one event.
     *
     * @return whether the flag was raised or its reason changed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean flag(long channelId, String reason) {
        Channel channel = em.find(Channel.class, channelId);
        return channel != null && flag(channel, reason);
    }

    /** Flags a channel of the caller's transaction; see {@link #flag(long, String)}. */
    public boolean flag(Channel channel, String reason) {
        if (Objects.equals(channel.getFlagReason(), reason)) {
            return false;
        }
        long channelId = channel.getId();
        channel.flag(Objects.requireNonNull(reason), OffsetDateTime.now(clock));
        events.record(new ChannelFlagged(channel.getId(), channel.getName(), channel.getProvider().name(),
                channel.getFlagReason(), holders()), Callers.SYSTEM);
        LOG.warning(() -> "Channel " + channel.getName() + " (" + channelId + ") flagged: " + reason);
        return true;
    }

    /**
     * Clears the flag in the caller's transaction (the access came back: signed in again, a check the administrator
     * asked for passed); the caller is the event's actor.
     */
    public void clear(Channel channel) {
        if (!channel.isFlagged()) {
            return;
        }
        channel.flag(null, null);
        events.record(new ChannelFlagged(channel.getId(), channel.getName(), channel.getProvider().name(), null,
                holders()), actor());
        LOG.info(() -> "Channel " + channel.getName() + " (" + channel.getId() + ") no longer flagged");
    }

    private String actor() {
        String name = context.getCallerPrincipal() == null ? null : context.getCallerPrincipal().getName();
        return name == null || name.isBlank() || "anonymous".equalsIgnoreCase(name) ? Callers.SYSTEM : name;
    }

    /** The logins that are told of flags: every enabled holder of {@code CanManageChats}. */
    private List<String> holders() {
        return em.createNamedQuery(OperationGrant.HOLDER_LOGINS, String.class)
                .setParameter("code", Operations.CAN_MANAGE_CHATS).getResultList();
    }
}
