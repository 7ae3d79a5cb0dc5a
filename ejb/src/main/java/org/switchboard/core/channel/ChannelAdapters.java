package org.switchboard.core.channel;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.switchboard.model.channel.ChannelProvider;

/**
 * The channel adapters this deployment has, by provider (CH-10, CH-15): the providers a new channel can be created
 * for are exactly these, in their menu order. A provider without an adapter is never served by another provider's:
 * asking for it is an error that names it, and {@link ChannelAdapterCheck} stops the deployment when stored channels
 * use one. Two adapters of one provider stop the deployment too.
 */
@ApplicationScoped
public class ChannelAdapters {

    @Inject
    @Any
    private Instance<ChannelAdapter> beans;

    private Map<ChannelProvider, ChannelAdapter> byProvider;

    /** For CDI, which collects the beans after construction. */
    protected ChannelAdapters() {
    }

    /** These adapters rather than the beans. */
    ChannelAdapters(Collection<ChannelAdapter> adapters) {
        byProvider = index(adapters);
    }

    @PostConstruct
    void collect() {
        byProvider = index(beans.stream().toList());
    }

    static Map<ChannelProvider, ChannelAdapter> index(Collection<ChannelAdapter> adapters) {
        Map<ChannelProvider, ChannelAdapter> index = new EnumMap<>(ChannelProvider.class);
        for (ChannelAdapter adapter : adapters) {
            ChannelAdapter other = index.put(adapter.provider(), adapter);
            if (other != null) {
                throw new IllegalStateException("Two channel adapters serve " + adapter.provider() + ": "
                        + other.getClass().getName() + " and " + adapter.getClass().getName());
            }
        }
        return index;
    }

    /**
     * The provider's adapter.
     *
     * @throws IllegalStateException naming the provider when this deployment has no adapter for it
     */
    public ChannelAdapter of(ChannelProvider provider) {
        ChannelAdapter adapter = byProvider.get(provider);
        if (adapter == null) {
            throw new IllegalStateException(missing(provider));
        }
        return adapter;
    }

    public boolean has(ChannelProvider provider) {
        return byProvider.containsKey(provider);
    }

    /** The providers a channel can be created for (CH-15), in the menu's order. */
    public List<ChannelProvider> offered() {
        return byProvider.values().stream().sorted(Comparator.comparingInt(ChannelAdapter::menuOrder))
                .map(ChannelAdapter::provider).toList();
    }

    static String missing(ChannelProvider provider) {
        return "No channel adapter for " + provider + " (" + provider.brand() + ") is deployed: a ChannelAdapter bean "
                + "whose provider() is " + provider + " must be part of the application";
    }
}
