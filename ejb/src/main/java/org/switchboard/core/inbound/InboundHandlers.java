package org.switchboard.core.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The inbound message types this deployment processes: every {@link InboundHandler} bean, by type. Two
 * handlers of one type stop the deployment; an item of a type or version no handler accepts is rejected with a
 * reason that names the accepted ones (a 400 over REST, a dead letter from the queue).
 */
@ApplicationScoped
public class InboundHandlers {

    @Inject
    @Any
    private Instance<InboundHandler<?>> beans;

    private Map<String, InboundHandler<?>> byType;

    @PostConstruct
    void collect() {
        byType = index(beans.stream().toList());
    }

    /** For CDI, which collects the beans after construction. */
    protected InboundHandlers() {
    }

    /** These handlers rather than the beans. */
    InboundHandlers(List<InboundHandler<?>> handlers) {
        byType = index(handlers);
    }

    /** The handlers by type. */
    static Map<String, InboundHandler<?>> index(List<InboundHandler<?>> handlers) {
        Map<String, InboundHandler<?>> index = new TreeMap<>();
        for (InboundHandler<?> handler : handlers) {
            InboundHandler<?> other = index.put(handler.type(), handler);
            if (other != null) {
                throw new IllegalStateException("Two inbound handlers take messages of type " + handler.type() + ": "
                        + other.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return index;
    }

    /** The accepted types, sorted. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** The handler of the type, if any. */
    public Optional<InboundHandler<?>> find(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    /** The versions a handler reads, as text: "1" or "1, 2". */
    public static String versions(InboundHandler<?> handler) {
        return handler.versions().stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * The handler of the type, if it reads that version.
     *
     * @throws InboundRejectedException {@code UNKNOWN_TYPE} or {@code UNSUPPORTED_VERSION}, naming what is accepted
     */
    public InboundHandler<?> of(String type, int version) {
        InboundHandler<?> handler = type == null ? null : byType.get(type);
        if (handler == null) {
            throw new InboundRejectedException("UNKNOWN_TYPE", (type == null ? "The message has no type"
                    : "Unknown message type '" + type + "'") + ": expected one of " + String.join(", ", types()));
        }
        if (!handler.versions().contains(version)) {
            throw new InboundRejectedException("UNSUPPORTED_VERSION", type + " version " + version
                    + " is not supported; accepted: " + versions(handler));
        }
        return handler;
    }
}
