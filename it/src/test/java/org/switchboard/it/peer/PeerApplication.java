package org.switchboard.it.peer;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The peer's REST API under {@code /switchboard-peer/api}; no security: it lives only in the test servers. */
@ApplicationPath("api")
public class PeerApplication extends Application {
}
