package org.switchboard.core.channel.custom;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.common.FetchableAddresses;

/**
 * Fetches a file that a Custom channel's integration gave by URL (CH-12, X-02, issue 18), so that Switchboard serves
 * it itself instead of redirecting the operator's browser to wherever the integration pointed (an open redirect).
 * The URL is the integration's, so the fetch follows {@link FetchableAddresses}: only public addresses unless the
 * administrator allowed the host, no redirects (each hop could lead inside), at most
 * {@link InboundChatMessage#INLINE_MAX_BYTES}, and nothing of the integration's answer but its status in a reason.
 *
 * <p>The host is resolved and checked before the request, and the HTTP client resolves it again to connect: a DNS
 * answer that changes in between (rebinding) is not caught. Pinning the checked address would need a client that
 * connects to an address while sending the URL's host name, which {@link HttpClient} does not offer.
 */
@ApplicationScoped
public class CustomFileFetcher {

    /** Hosts (or host:port) fetched whatever they resolve to, comma-separated: e.g. an intranet file server. */
    public static final String ALLOWED_HOSTS = "switchboard.attachments.allowed-hosts";

    private static final Logger LOG = Logger.getLogger(CustomFileFetcher.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @ConfigProperty(name = ALLOWED_HOSTS, defaultValue = " ")
    private String allowedHosts;

    private FetchableAddresses addresses;
    private HttpClient http;

    @PostConstruct
    void init() {
        addresses = new FetchableAddresses(Set.of(allowedHosts.split(",")));
        http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The file at an http(s) URL; empty when the source is no such URL. */
    public Optional<ChannelFile> fetch(String source, String fileName, String contentType) {
        URI uri = httpUri(source);
        if (uri == null) {
            return Optional.empty();
        }
        checkAddress(uri);
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status != 200) {
                    LOG.warning(() -> "CH-12: the file at " + uri.getHost() + " answered HTTP " + status);
                    boolean redirect = status >= 300 && status < 400;
                    throw new ProviderRefusedException(status < 500 && status != 429, redirect
                            ? "the integration's file address redirects elsewhere, which is not followed"
                            : "the integration's file server answered HTTP " + status);
                }
                byte[] content = body.readNBytes(InboundChatMessage.INLINE_MAX_BYTES + 1);
                if (content.length > InboundChatMessage.INLINE_MAX_BYTES) {
                    throw new ProviderRefusedException(true, "the integration's file is larger than "
                            + InboundChatMessage.INLINE_MAX_BYTES / (1024 * 1024) + " MB");
                }
                String type = contentType != null ? contentType
                        : response.headers().firstValue("Content-Type").orElse("application/octet-stream");
                return Optional.of(new ChannelFile(fileName, type, content));
            }
        } catch (IOException e) {
            LOG.warning(() -> "CH-12: the file at " + uri.getHost() + " could not be fetched: " + e);
            throw new ProviderRefusedException(false, "the integration's file server is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderRefusedException(false, "the file download was interrupted");
        }
    }

    private void checkAddress(URI uri) {
        if (addresses.allowedByName(uri)) {
            return;
        }
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ProviderRefusedException(true, "the integration's file server " + uri.getHost()
                    + " is unknown");
        }
        if (!Arrays.stream(resolved).allMatch(FetchableAddresses::isPublic)) {
            LOG.warning(() -> "CH-12: refused to fetch a file from " + uri.getHost() + " " + Arrays.toString(resolved)
                    + ": not a public address (" + ALLOWED_HOSTS + " allows hosts)");
            throw new ProviderRefusedException(true, "the integration's file address " + uri.getHost()
                    + " is not a public address, and the administrator has not allowed it");
        }
    }

    /** The URL when it is an absolute http(s) one with a host and no user information; otherwise null. */
    static URI httpUri(String source) {
        if (source == null) {
            return null;
        }
        try {
            URI uri = new URI(source);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            return http && uri.getHost() != null && uri.getRawUserInfo() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
