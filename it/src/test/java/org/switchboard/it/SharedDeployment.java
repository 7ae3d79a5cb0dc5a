package org.switchboard.it;

import java.util.Locale;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian extension that deploys the plain EAR once per server run instead of once per test class.
 *
 * <p>Every client-mode class ({@code @Deployment(testable = false)}) deploys the same archive,
 * {@link Deployments#ear()}, so the first such class deploys it and the following ones find it on the server: their
 * deployment is answered from the first one's (the application's URL for {@code @ArquillianResource URL base}), and
 * their undeployment leaves it there. Redeploying the unchanged EAR for each of 40 classes cost about 10 s per class
 * on Payara and 6 s on WildFly, over ten minutes of every full run. The tests share the server's database anyway, so
 * they never relied on a fresh application; what they share now in addition is the application's memory (caches,
 * throttles), which is why the throttling tests attack from their own loopback addresses ({@link BoundHttp}).
 *
 * <p>An in-container class ({@link Deployments#earWithTests(Class...)}, testable) needs its own EAR under the same
 * name: the shared one is undeployed first, and the next client-mode class deploys it again. Other archives (the
 * peer application of {@code CustomJmsChannelIT}) are deployed beside it, per class as before. Before the server stops
 * the shared EAR is undeployed, so that nothing is left in the server's configuration.
 *
 * <p>The interceptors run innermost ({@code precedence = -100}), inside Arquillian's deployment context, which is
 * where the class's deployment and its protocol metadata are kept.
 */
public final class SharedDeployment implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Interceptor.class);
    }

    /** Intercepts deployments and undeployments of the shared EAR. */
    public static final class Interceptor {

        @Inject
        @DeploymentScoped
        private InstanceProducer<DeploymentDescription> description;

        @Inject
        @DeploymentScoped
        private InstanceProducer<Deployment> deployment;

        @Inject
        @DeploymentScoped
        private InstanceProducer<ProtocolMetaData> protocolMetaData;

        /** The shared EAR as deployed on the server now, or null. */
        private Archive<?> deployed;
        private ProtocolMetaData deployedMetaData;
        private int reused;

        public void deploy(@Observes(precedence = -100) EventContext<DeployDeployment> context) throws Exception {
            DeployDeployment event = context.getEvent();
            Deployment requested = event.getDeployment();
            if (!shared(requested.getDescription())) {
                if (sameName(requested.getDescription())) {
                    undeployShared(event.getDeployableContainer());
                }
                context.proceed();
                return;
            }
            if (deployed == null) {
                context.proceed();
                if (requested.isDeployed() && !requested.hasDeploymentError()) {
                    deployed = requested.getDescription().getArchive();
                    deployedMetaData = protocolMetaData.get();
                }
                return;
            }
            description.set(requested.getDescription());
            deployment.set(requested);
            protocolMetaData.set(deployedMetaData);
            requested.deployed();
            reused++;
            System.out.printf(Locale.ROOT, "[switchboard-it] %s already deployed on %s, used by a class again (%d)%n",
                    deployed.getName(), TestSettings.server(), reused);
        }

        public void undeploy(@Observes(precedence = -100) EventContext<UnDeployDeployment> context) {
            if (deployed != null && shared(context.getEvent().getDeployment().getDescription())) {
                return; // stays deployed for the next class
            }
            context.proceed();
        }

        public void beforeStop(@Observes BeforeStop event) throws Exception {
            undeployShared(event.getDeployableContainer());
        }

        private void undeployShared(DeployableContainer<?> container) throws Exception {
            if (deployed == null) {
                return;
            }
            long start = System.nanoTime();
            Archive<?> archive = deployed;
            deployed = null;
            deployedMetaData = null;
            container.undeploy(archive);
            System.out.printf(Locale.ROOT, "[switchboard-it] %s undeployed on %s in %.1f s after %d further classes%n",
                    archive.getName(), TestSettings.server(), (System.nanoTime() - start) / 1e9, reused);
            reused = 0;
        }

        /** An archive named as the EAR: an in-container class's EAR, which replaces the shared one for a while. */
        private static boolean sameName(DeploymentDescription description) {
            return description.isArchiveDeployment()
                    && description.getArchive().getName().equals(Deployments.earName());
        }

        /** A client-mode deployment of the EAR: {@link Deployments#ear()}, the same archive for every class. */
        private static boolean shared(DeploymentDescription description) {
            return sameName(description) && !description.testable();
        }
    }
}
