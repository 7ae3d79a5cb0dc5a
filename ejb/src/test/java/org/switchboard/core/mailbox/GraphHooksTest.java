package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MP-11: which SiteUrl Graph's change notifications can reach, and so which the provider form warns about. */
class GraphHooksTest {

    @Test
    @DisplayName("MP-11 a public https SiteUrl can receive Graph's notifications")
    void publicHttps() {
        assertTrue(GraphHooks.publicHttps("https://crm.example.com/switchboard"));
        assertTrue(GraphHooks.publicHttps(" https://crm.example.com "));
        assertTrue(GraphHooks.publicHttps("https://203.0.113.7/switchboard"));
    }

    @Test
    @DisplayName("MP-11 plain http, this machine and private networks cannot: the form warns, polling covers")
    void notPublic() {
        for (String url : new String[] {"", "http://crm.example.com", "https://localhost:8181/switchboard",
                "https://127.0.0.1/switchboard", "https://10.1.2.3", "https://192.168.1.10", "https://172.20.0.5",
                "https://crm.internal", "https://server.local", "https://[::1]/", "not a url at all"}) {
            assertFalse(GraphHooks.publicHttps(url), url);
        }
        assertTrue(GraphHooks.publicHttps("https://172.32.0.5"), "outside 172.16/12");
    }
}
