package org.switchboard.core.common;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses Switchboard may fetch a URL from that somebody else supplied (X-02, issue 18: an integration's
 * attachment URL). Without this rule the server would fetch for whoever can post a message: its own admin ports, the
 * cloud's metadata service, hosts of the internal network (server-side request forgery). Allowed are public unicast
 * addresses; refused are loopback, unspecified, link-local (169.254/16, the metadata services), private (10/8,
 * 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), multicast and the IPv4 addresses inside IPv6 of those, unless
 * the administrator names the host (or host:port) in {@code switchboard.attachments.allowed-hosts}.
 */
public final class FetchableAddresses {

    private final Set<String> allowedHosts;

    /** {@code allowedHosts}: host names or {@code host:port}, any case; these pass whatever they resolve to. */
    public FetchableAddresses(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether the administrator allowed this URL's host (and port) whatever its address. */
    public boolean allowedByName(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return allowedHosts.contains(host) || allowedHosts.contains(host + ":" + port);
    }

    /** Whether an address is a public unicast one. */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isEmbeddedIpv4(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            return !(v6.isAnyLocalAddress() || v6.isLoopbackAddress() || v6.isLinkLocalAddress()
                    || v6.isSiteLocalAddress() || v6.isMulticastAddress() || uniqueLocal);
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean shared = first == 100 && second >= 64 && second < 128;
            boolean thisNetwork = first == 0;
            boolean reserved = first >= 240;
            return !(v4.isAnyLocalAddress() || v4.isLoopbackAddress() || v4.isLinkLocalAddress()
                    || v4.isSiteLocalAddress() || v4.isMulticastAddress() || shared || thisNetwork || reserved);
        }
        return false;
    }

    /** ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 address decides. */
    private static boolean isEmbeddedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        boolean mapped = (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0;
        return mapped || compatible;
    }
}
