package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetchableAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.5.6.7", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.1", "240.0.0.1",
        "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
        "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::127.0.0.1"})
    @DisplayName("X-02 issue 18: loopback, private, link-local (metadata), shared, multicast and embedded ones refused")
    void nonPublicAddressesAreRefused(String address) throws UnknownHostException {
        assertFalse(FetchableAddresses.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1",
        "::ffff:8.8.8.8"})
    @DisplayName("X-02 issue 18: public unicast addresses are fetched")
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertTrue(FetchableAddresses.isPublic(InetAddress.getByName(address)), address);
    }

    @Test
    @DisplayName("X-02 issue 18: the administrator allows a host by name, or by name and port")
    void administratorAllowsHosts() {
        FetchableAddresses allowed = new FetchableAddresses(Set.of(" Files.Intranet.example ", "localhost:18777", ""));
        assertTrue(allowed.allowedByName(URI.create("https://files.intranet.example/a")));
        assertTrue(allowed.allowedByName(URI.create("http://files.intranet.example:8080/a")));
        assertTrue(allowed.allowedByName(URI.create("http://LOCALHOST:18777/a")));
        assertFalse(allowed.allowedByName(URI.create("http://localhost:8080/a")));
        assertFalse(allowed.allowedByName(URI.create("http://localhost/a")));
        assertFalse(allowed.allowedByName(URI.create("http://evil.example/a")));
    }
}
