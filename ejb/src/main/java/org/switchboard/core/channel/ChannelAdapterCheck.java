package org.switchboard.core.channel;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * At deployment, checks that every provider the stored channels use has its adapter (CH-10): a channel whose
 * messenger's adapter is missing would have nobody to send its replies, so the deployment stops with a message naming
 * the provider and its channels rather than starting half-able.
 */
@Singleton
@Startup
@DependsOn("FlywayMigrator")
public class ChannelAdapterCheck {

    private static final Logger LOG = Logger.getLogger(ChannelAdapterCheck.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChannelAdapters adapters;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void check() {
        for (ChannelProvider provider : em.createNamedQuery(Channel.PROVIDERS_IN_USE, ChannelProvider.class)
                .getResultList()) {
            if (!adapters.has(provider)) {
                List<String> names = em.createNamedQuery(Channel.BY_PROVIDER, Channel.class)
                        .setParameter("provider", provider).setMaxResults(5).getResultStream()
                        .map(Channel::getName).toList();
                throw new IllegalStateException(ChannelAdapters.missing(provider) + ". Its channels " + names
                        + " could neither send nor receive; deploy the adapter, or delete those channels with the "
                        + "previous release.");
            }
        }
        LOG.info(() -> "Channel adapters: " + adapters.offered());
    }
}
