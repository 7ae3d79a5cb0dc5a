package org.switchboard.core.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The folder of this node's own files: the password of {@code admin} generated at the first start is written
 * there, readable by its owner only, instead of into the log. MicroProfile Config {@value #KEY} when set (the run
 * command's {@code data/}); otherwise {@code switchboard} in the server's own data folder, WildFly's
 * {@code jboss.server.data.dir} or Payara's domain folder, else {@code .switchboard} in the home folder of the
 * server's user.
 */
@ApplicationScoped
public class DataDirectory {

    public static final String KEY = "switchboard.data-dir";

    @Inject
    @ConfigProperty(name = KEY)
    private Optional<String> configured;

    public Path get() {
        return resolve(configured.orElse(null), System.getProperty("jboss.server.data.dir"),
                System.getProperty("com.sun.aas.instanceRoot"), System.getProperty("user.home"));
    }

    /** The first of the configured folder, WildFly's data folder, Payara's domain folder and the home folder. */
    static Path resolve(String configured, String wildFlyData, String payaraDomain, String home) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath();
        }
        if (wildFlyData != null && !wildFlyData.isBlank()) {
            return Path.of(wildFlyData, "switchboard").toAbsolutePath();
        }
        if (payaraDomain != null && !payaraDomain.isBlank()) {
            return Path.of(payaraDomain, "switchboard").toAbsolutePath();
        }
        return Path.of(home, ".switchboard").toAbsolutePath();
    }
}
