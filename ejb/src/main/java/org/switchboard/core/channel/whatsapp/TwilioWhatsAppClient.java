package org.switchboard.core.channel.whatsapp;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;

/**
 * {@link WhatsAppClient} over Twilio's REST API (CH-12, WA-02, WA-03, WA-05): the Twilio SDK for the account check
 * and sends, plain {@link HttpClient} for media downloads. Every call makes one attempt (the outbox retries), with a
 * 10 s connect and 30 s response timeout. {@value #BASE_URL} replaces {@code https://api.twilio.com} (tests, proxies).
 */
@ApplicationScoped
public class TwilioWhatsAppClient implements WhatsAppClient {

    public static final String BASE_URL = "switchboard.twilio.base-url";

    static final String TWILIO_API = "https://api.twilio.com";

    private static final Logger LOG = Logger.getLogger(TwilioWhatsAppClient.class.getName());

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private static final int MAX_REDIRECTS = 3;

    private static final String WHATSAPP = "whatsapp:";

    @Inject
    @ConfigProperty(name = BASE_URL)
    Optional<String> baseUrl = Optional.empty();

    Duration responseTimeout = Duration.ofSeconds(30);

    /** WA-03; a field so that tests need not download 16 MB. */
    long maxMediaBytes = WhatsAppFileRules.MAX_BYTES;

    private final Map<Credentials, TwilioRestClient> clients = new ConcurrentHashMap<>();

    private TwilioHttpClient http;

    private HttpClient media;

    private URI api;

    /** For CDI. */
    public TwilioWhatsAppClient() {
    }

    /** For tests: Twilio at {@code baseUrl} (null for the real one). */
    TwilioWhatsAppClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(30));
    }

    /** For tests: Twilio at {@code baseUrl}, with a shorter response timeout. */
    TwilioWhatsAppClient(String baseUrl, Duration responseTimeout) {
        this.baseUrl = Optional.ofNullable(baseUrl);
        this.responseTimeout = responseTimeout;
        init();
    }

    @PostConstruct
    void init() {
        String base = baseUrl.map(String::strip).filter(b -> !b.isEmpty()).map(b -> b.replaceAll("/+$", ""))
                .orElse(null);
        http = new TwilioHttpClient(base, CONNECT_TIMEOUT, responseTimeout);
        api = URI.create(base == null ? TWILIO_API : base);
        // Redirects are followed by hand, so the credentials never travel with them to the media host.
        media = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    public void verifyAccount(WhatsAppAccount account) {
        TwilioRestClient client = restClient(account);
        try {
            Account.fetcher().fetch(client);
            LOG.info(() -> "WA-05: Twilio accepted the credentials of account " + account.accountSid());
        } catch (TwilioException e) {
            Response response = http.lastResponse();
            int status = response == null ? 0 : response.getStatusCode();
            // 401/404 (Twilio errors 20003/20404) and other 4xx are the credentials; 429, 5xx and I/O are Twilio.
            boolean refused = status >= 400 && status < 500 && status != 429;
            String reason = refused ? twilioReason(e, status) : unreachable(e, status);
            LOG.warning(() -> "WA-05: Twilio check of account " + account.accountSid() + " failed: HTTP " + status
                    + code(e) + (status == 0 ? " (" + detail(e) + ")" : ""));
            throw new ProviderRefusedException(refused, reason);
        } finally {
            http.forget();
        }
    }

    @Override
    public SendOutcome send(WhatsAppAccount account, String to, String body, String mediaUrl,
            String statusCallback) {
        if (isBlank(to) || account == null || isBlank(account.fromNumber())) {
            return new SendOutcome.Failed("The WhatsApp sender and recipient numbers are required");
        }
        if (!isBlank(mediaUrl) && !absolute(mediaUrl) || !isBlank(statusCallback) && !absolute(statusCallback)) {
            return new SendOutcome.Failed("The media or status callback URL is not an absolute URL");
        }
        TwilioRestClient client;
        try {
            client = restClient(account);
        } catch (ProviderRefusedException e) {
            return new SendOutcome.Failed(e.getMessage());
        }
        MessageCreator creator = Message.creator(new PhoneNumber(whatsApp(to)),
                new PhoneNumber(whatsApp(account.fromNumber())), body);
        if (!isBlank(mediaUrl)) {
            creator.setMediaUrl(mediaUrl);
        }
        if (!isBlank(statusCallback)) {
            creator.setStatusCallback(statusCallback);
        }
        try {
            Message message = creator.create(client);
            LOG.fine(() -> "CH-12: Twilio queued WhatsApp message " + message.getSid());
            return new SendOutcome.Sent(message.getSid());
        } catch (TwilioException e) {
            return outcome(e, http.lastResponse());
        } finally {
            http.forget();
        }
    }

    @Override
    public ChannelFile fetchMedia(WhatsAppAccount account, String mediaUrl) {
        URI uri = mediaUri(mediaUrl);
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (account.accountSid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
        try {
            URI current = uri;
            HttpResponse<InputStream> response;
            for (int redirects = 0; ; redirects++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(responseTimeout).GET();
                if (underApi(current)) {
                    request.header("Authorization", authorization);
                }
                response = media.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                Optional<String> location = response.headers().firstValue("Location");
                if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty() || redirects == MAX_REDIRECTS) {
                    break;
                }
                response.body().close();
                current = current.resolve(location.get());
                if (!"https".equalsIgnoreCase(current.getScheme()) && !"http".equalsIgnoreCase(current.getScheme())) {
                    throw new ProviderRefusedException(true, "Twilio redirected the media download to a non-HTTP URL");
                }
            }
            return mediaFile(uri, response);
        } catch (IOException e) {
            LOG.warning(() -> "WA-02: media download " + lastSegment(uri) + " failed: " + e);
            throw new ProviderRefusedException(false, "Twilio is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderRefusedException(false, "The media download was interrupted");
        }
    }

    private ChannelFile mediaFile(URI uri, HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                LOG.warning(() -> "WA-02: media download " + lastSegment(uri) + " answered HTTP " + status);
                if (status == 429 || status >= 500) {
                    throw new ProviderRefusedException(false, "Twilio is not reachable: HTTP " + status);
                }
                throw new ProviderRefusedException(true, "Twilio refused the media download (HTTP " + status + ")");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            byte[] content = declared > maxMediaBytes ? null : body.readNBytes((int) maxMediaBytes + 1);
            if (content == null || content.length > maxMediaBytes) {
                throw new ProviderRefusedException(true, "The customer's file is larger than 16 MB, the most "
                        + "WhatsApp allows (WA-03)");
            }
            String contentType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip())
                    .filter(t -> !t.isEmpty()).orElse("application/octet-stream").toLowerCase(Locale.ROOT);
            String name = lastSegment(uri);
            String extension = ChannelFile.extensionFor(contentType);
            String fileName = extension == null || name.contains(".") ? name : name + "." + extension;
            LOG.fine(() -> "WA-02: downloaded " + fileName + " (" + contentType + ", " + content.length + " bytes)");
            return new ChannelFile(fileName, contentType, content);
        }
    }

    /** WA-02: the credentials go only to the configured Twilio API, never to a host named in a webhook. */
    private URI mediaUri(String mediaUrl) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(mediaUrl, "mediaUrl")).normalize();
        } catch (URISyntaxException | NullPointerException e) {
            throw new ProviderRefusedException(true, "The media URL is not a valid URL");
        }
        if (!underApi(uri)) {
            LOG.warning(() -> "WA-02: refused a media URL outside " + api + " (host " + uri.getHost() + ")");
            throw new ProviderRefusedException(true, "The media URL is not a Twilio media URL under " + api
                    + "; the credentials are not sent there");
        }
        return uri;
    }

    private boolean underApi(URI uri) {
        String prefix = Objects.requireNonNullElse(api.getRawPath(), "") + "/2010-04-01/Accounts/";
        return api.getScheme().equalsIgnoreCase(uri.getScheme()) && uri.getRawUserInfo() == null
                && api.getHost().equalsIgnoreCase(uri.getHost()) && port(api) == port(uri)
                && uri.getRawPath() != null && uri.getRawPath().startsWith(prefix);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lastSegment(URI uri) {
        String path = uri.getPath();
        String segment = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return segment.isBlank() ? "media" : segment;
    }

    /** One REST client per Account SID and token; a changed token replaces the old one. */
    private TwilioRestClient restClient(WhatsAppAccount account) {
        if (account == null || account.accountSid() == null || !ACCOUNT_SID.matcher(account.accountSid()).matches()) {
            throw new ProviderRefusedException(true,
                    "The Account SID must be AC followed by 32 hexadecimal characters, as shown in Twilio's console");
        }
        if (isBlank(account.authToken())) {
            throw new ProviderRefusedException(true, "The Auth Token is required");
        }
        Credentials key = new Credentials(account.accountSid(), account.authToken());
        TwilioRestClient client = clients.get(key);
        if (client == null) {
            clients.keySet().removeIf(old -> old.accountSid().equals(key.accountSid()));
            client = clients.computeIfAbsent(key,
                    k -> new TwilioRestClient.Builder(k.accountSid(), k.authToken()).httpClient(http).build());
        }
        return client;
    }

    /** CH-12: a 429, a 5xx or no answer is worth another attempt; any other refusal is final. */
    private static SendOutcome outcome(TwilioException e, Response response) {
        if (response == null) {
            LOG.warning(() -> "CH-12: Twilio not reachable for a WhatsApp send: " + detail(e));
            return new SendOutcome.Retry(null, "Twilio is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        }
        int status = response.getStatusCode();
        LOG.warning(() -> "CH-12: Twilio refused a WhatsApp send: HTTP " + status + code(e));
        if (status < 400) {
            // Twilio took the message but its answer could not be read: sending again would duplicate it.
            return new SendOutcome.Sent(null);
        }
        if (status == 429) {
            return new SendOutcome.Retry(retryAfter(response), twilioReason(e, status));
        }
        if (status >= 500) {
            return new SendOutcome.Retry(null, twilioReason(e, status));
        }
        Integer code = e instanceof ApiException api ? api.getCode() : null;
        return new SendOutcome.Failed(code == null ? twilioReason(e, status)
                : TwilioErrors.describe(code, twilioReason(e, status)));
    }

    private static Duration retryAfter(Response response) {
        Header[] headers = response.getHeaders() == null ? new Header[0] : response.getHeaders();
        for (Header header : headers) {
            if ("Retry-After".equalsIgnoreCase(header.getName()) && header.getValue() != null) {
                String value = header.getValue().strip();
                try {
                    return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
                } catch (NumberFormatException notSeconds) {
                    try {
                        Duration wait = Duration.between(Instant.now(),
                                ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                        return wait.isNegative() ? Duration.ZERO : wait;
                    } catch (DateTimeParseException notADate) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** Twilio's own words: "Authenticate (Twilio error 20003)", or the HTTP status when it gave none. */
    private static String twilioReason(TwilioException e, int status) {
        if (e instanceof ApiException api && api.getCode() != null) {
            return api.getMessage() + " (Twilio error " + api.getCode() + ")";
        }
        return "Twilio answered HTTP " + status;
    }

    private static String unreachable(TwilioException e, int status) {
        return "Twilio is not reachable: " + (status == 0 ? ProviderRefusedException.networkReason(e)
                : twilioReason(e, status));
    }

    private static String code(TwilioException e) {
        return e instanceof ApiException api && api.getCode() != null ? ", Twilio error " + api.getCode() : "";
    }

    private static String detail(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
    }

    private static String whatsApp(String number) {
        String stripped = number.strip();
        boolean prefixed = stripped.regionMatches(true, 0, WHATSAPP, 0, WHATSAPP.length());
        return WHATSAPP + (prefixed ? stripped.substring(WHATSAPP.length()) : stripped);
    }

    private static boolean absolute(String url) {
        try {
            return new URI(url).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A cache key; its text never shows the token. */
    private record Credentials(String accountSid, String authToken) {
        @Override
        public String toString() {
            return accountSid;
        }
    }
}
