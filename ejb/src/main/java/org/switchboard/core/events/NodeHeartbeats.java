package org.switchboard.core.events;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.logging.Logger;
import org.switchboard.core.common.NodeName;
import org.switchboard.model.common.ServerNode;

/**
 * Records that this node is alive, so that the other nodes leave its pending events to it however late they
 * are, and take them over only once it has been silent for {@link OutboxRelay#SILENT}.
 */
@Stateless
@PermitAll
public class NodeHeartbeats {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeats.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private NodeName node;

    @Inject
    private Clock clock;

    @Inject
    private NodeHeartbeats self;

    /**
     * This node was seen now; its row is created on the first beat. Without a transaction of its own: the relay's
     * timer calls this, and the change runs in {@link #record}, one call further (see
     * {@code MailboxSyncService.releaseDeadClaims}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void beat() {
        self.record();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ServerNode row = em.find(ServerNode.class, node.get());
        if (row == null) {
            em.persist(new ServerNode(node.get(), now));
            LOG.info(() -> "Node " + node.get() + " registered");
        } else {
            row.seen(now);
        }
    }
}
