package org.switchboard.it;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.switchboard.it.peer.PeerJms;

/**
 * The deployment of every integration test: the real EAR built by the {@code ear} module, deployed as it is
 * and tested as a client. Each IT class declares it in one line:
 *
 * <pre>{@code
 * @Deployment(testable = false) static EnterpriseArchive ear() { return Deployments.ear(); }
 * }</pre>
 *
 * and gets the application URL ({@code http://localhost:8080/switchboard/}) with
 * {@code @ArquillianResource URL base}.
 */
public final class Deployments {

    private Deployments() {
    }

    /** The EAR named by the system property {@code switchboard.ear} (set by the it module's Failsafe executions). */
    public static EnterpriseArchive ear() {
        String path = TestSettings.required("switchboard.ear");
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalStateException("switchboard.ear=" + path + " is not a file: build the ear module first");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file);
    }

    /**
     * The JMS peer ({@code org.switchboard.it.peer}): a separate application, deployed next to the EAR, that talks to
     * Switchboard over its JMS contract by the destinations' physical names. Its URL is
     * {@code http://localhost:8080/switchboard-peer/}; {@link Peer} drives it.
     */
    public static WebArchive peer() {
        return ShrinkWrap.create(WebArchive.class, "switchboard-peer.war").addPackage(PeerJms.class.getPackage());
    }

    /**
     * A URL of the application like a link in a page: {@code "api/v1/health/ready"} is inside the application
     * ({@code base} is {@code http://localhost:8080/switchboard/}), {@code "/openapi"} is at the host root.
     */
    public static URI resolve(URL base, String path) {
        try {
            URI uri = base.toURI();
            return (uri.getPath().endsWith("/") ? uri : new URI(uri + "/")).resolve(path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid URI: " + base, e);
        }
    }
}
