package org.switchboard.core.common;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server node's name in the installation (X-03): the rows a node owns (its outbox's events) carry it, so that
 * several nodes on one database tell their work apart. MicroProfile Config {@value #KEY} when set; otherwise
 * WildFly's {@code jboss.node.name} (unique per node already, as its transaction recovery requires), or Payara's
 * instance name with the host name. A node that restarts under the same name takes its own pending work back.
 */
@ApplicationScoped
public class NodeName {

    public static final String KEY = "switchboard.node-name";
    /** The longest name a row can carry ({@code server_node.name}, {@code event_journal.owner_node}). */
    public static final int MAX = 100;
    private static final Logger LOG = Logger.getLogger(NodeName.class.getName());

    @Inject
    @ConfigProperty(name = KEY)
    private Optional<String> configured;

    private String name;

    /** This start of the node: work claimed by an earlier start under the same name was left by a crash. */
    private final String run = UUID.randomUUID().toString();

    @PostConstruct
    void init() {
        name = resolve(configured.orElse(null), System.getProperty("jboss.node.name"),
                System.getProperty("com.sun.aas.instanceName"), hostName());
        LOG.info(() -> "This node is named " + name + " (" + KEY + ")");
    }

    public String get() {
        return name;
    }

    /** An id of this start of the node, new at every deployment (36 characters). */
    public String run() {
        return run;
    }

    /** The first of the configured name, WildFly's node name and Payara's instance@host, cut to {@link #MAX}. */
    static String resolve(String configured, String wildFlyNode, String payaraInstance, String host) {
        String chosen;
        if (configured != null && !configured.isBlank()) {
            chosen = configured.strip();
        } else if (wildFlyNode != null && !wildFlyNode.isBlank()) {
            chosen = wildFlyNode.strip();
        } else if (payaraInstance != null && !payaraInstance.isBlank()) {
            chosen = payaraInstance.strip() + "@" + host;
        } else {
            chosen = host;
        }
        return chosen.length() <= MAX ? chosen : chosen.substring(0, MAX);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
