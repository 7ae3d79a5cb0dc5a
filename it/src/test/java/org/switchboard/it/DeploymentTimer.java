package org.switchboard.it;

import java.util.Locale;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeUnDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian extension that prints how long each deployment and undeployment of the EAR takes, so that the
 * cost of redeploying per test class stays visible in every build log.
 */
public final class DeploymentTimer implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Observer.class);
    }

    /** Observes the container events around deployments. */
    public static final class Observer {

        private long deployStart;
        private long undeployStart;

        public void beforeDeploy(@Observes BeforeDeploy event) {
            deployStart = System.nanoTime();
        }

        public void afterDeploy(@Observes AfterDeploy event) {
            print("deployed", name(event.getDeployment()), deployStart);
        }

        public void beforeUndeploy(@Observes BeforeUnDeploy event) {
            undeployStart = System.nanoTime();
        }

        public void afterUndeploy(@Observes AfterUnDeploy event) {
            print("undeployed", name(event.getDeployment()), undeployStart);
        }

        private static String name(DeploymentDescription deployment) {
            return deployment.isArchiveDeployment() ? deployment.getArchive().getName() : deployment.getName();
        }

        private static void print(String what, String deployment, long start) {
            System.out.printf(Locale.ROOT, "[switchboard-it] %s %s on %s in %.1f s%n", deployment, what,
                    TestSettings.server(), (System.nanoTime() - start) / 1e9);
        }
    }
}
