package org.switchboard.core.channel.facebook;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.MultipartBody;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.common.Jsons;

/**
 * The Graph API over the JDK's HTTP client (FB-02, CH-12). The base URL and the API version come from
 * {@value #BASE_URL_KEY} and {@value #VERSION_KEY} (the tests' fake; a newer version when Meta retires this one).
 * Tokens travel as the {@code access_token} parameter, as Meta's documentation shows, with {@code appsecret_proof}
 * while the app secret is set, and no URL is ever logged.
 * Graph errors ({@code {"error":{"message","type","code","error_subcode"}}}) become refusals naming Meta's code.
 */
@ApplicationScoped
public class HttpGraphClient implements GraphClient {

    public static final String BASE_URL_KEY = "switchboard.facebook.graph-url";
    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    public static final String VERSION_KEY = "switchboard.facebook.graph-version";
    /** Graph v27.0, released 2026-11-04. */
    public static final String DEFAULT_VERSION = "v27.0";
    private static final Logger LOG = Logger.getLogger(HttpGraphClient.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(120);
    /** Messenger's largest attachment. */
    static final int DOWNLOAD_MAX_BYTES = 25 * 1024 * 1024;
    /** More pages than any organisation manages; the listing stops there rather than follow a cursor for ever. */
    private static final int MAX_PAGES = 2_000;
    /** Graph's rate-limit codes: application (4), user (17), page (32), custom (613). */
    private static final List<Integer> THROTTLED = List.of(4, 17, 32, 613);
    /**
     * The subcodes Meta documents under the permission codes (10, 200–299) for a refusal of one recipient, not of the
     * page's access: a message outside the allowed window (2018278, 2018065, 2018108), a person not available now
     * (1545041).
     */
    private static final List<Integer> ONE_RECIPIENT = List.of(2018278, 2018065, 2018108, 1545041);

    @Inject
    @ConfigProperty(name = BASE_URL_KEY)
    private Optional<String> configuredBase;

    @Inject
    @ConfigProperty(name = VERSION_KEY, defaultValue = DEFAULT_VERSION)
    private String version;

    @Inject
    private FacebookApp app;

    private volatile String base;
    private Supplier<Optional<String>> appSecret = Optional::empty;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpGraphClient() {
    }

    HttpGraphClient(String base, String version, Supplier<Optional<String>> appSecret) {
        this.base = strip(base);
        this.version = version;
        this.appSecret = appSecret;
    }

    @PostConstruct
    void init() {
        appSecret = app::appSecret;
    }

    /**
     * The token's query parameters: {@code access_token}, and {@code appsecret_proof} (the hex HMAC-SHA256 of the
     * token under the app secret) while {@code FacebookAppSecret} is set, which Meta requires of apps with "Require
     * App Secret" on and takes from any other.
     */
    private String token(String accessToken) {
        String proof = appSecret.get().map(secret -> "&appsecret_proof=" + HexFormat.of().formatHex(
                FacebookApp.hmac(secret, accessToken.getBytes(StandardCharsets.UTF_8)))).orElse("");
        return "&access_token=" + encode(accessToken) + proof;
    }

    @Override
    public List<Page> pages(String userToken) {
        List<Page> pages = new ArrayList<>();
        String after = null;
        do {
            String url = api("/me/accounts") + "?fields=id,name,access_token,tasks&limit=100"
                    + (after == null ? "" : "&after=" + encode(after)) + token(userToken);
            JsonObject answer = get(url);
            JsonArray data = answer.get("data") instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
            for (JsonValue item : data) {
                if (item instanceof JsonObject page && page.containsKey("id") && page.containsKey("access_token")) {
                    boolean messaging = page.get("tasks") instanceof JsonArray tasks
                            && tasks.stream().anyMatch(t -> t instanceof JsonString task
                                    && "MESSAGING".equals(task.getString()));
                    pages.add(new Page(text(page, "id"), text(page, "name"), text(page, "access_token"),
                            messaging));
                }
            }
            after = data.isEmpty() || !(answer.get("paging") instanceof JsonObject paging)
                    || !paging.containsKey("next") || !(paging.get("cursors") instanceof JsonObject cursors)
                    ? null : cursors.getString("after", null);
        } while (after != null && pages.size() < MAX_PAGES);
        return pages;
    }

    @Override
    public void subscribe(String pageId, String pageToken) {
        String url = api("/" + encode(pageId) + "/subscribed_apps") + "?subscribed_fields="
                + encode(FacebookSettings.SUBSCRIBED_FIELDS) + token(pageToken);
        JsonObject answer = post(url, "");
        if (!answer.getBoolean("success", false)) {
            throw new ProviderRefusedException(true, "Facebook did not confirm the subscription of page " + pageId);
        }
    }

    @Override
    public Optional<String> userName(String pageToken, String psid) {
        JsonObject answer = get(api("/" + encode(psid)) + "?fields=first_name,last_name" + token(pageToken));
        String name = (answer.getString("first_name", "") + " " + answer.getString("last_name", "")).strip();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    @Override
    public ChannelFile download(String url, String fileName, String contentType) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ProviderRefusedException(true, "The attachment's address is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ProviderRefusedException(true, "The attachment's address is not an http(s) URL");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProviderRefusedException(false, "Facebook is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderRefusedException(false, "Interrupted while downloading from Facebook");
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new ProviderRefusedException(response.statusCode() < 500 && response.statusCode() != 429,
                        "Facebook answered HTTP " + response.statusCode() + " to the attachment's download");
            }
            byte[] content = in.readNBytes(DOWNLOAD_MAX_BYTES + 1);
            if (content.length > DOWNLOAD_MAX_BYTES) {
                throw new ProviderRefusedException(true, "The attachment is larger than Messenger's 25 MB");
            }
            String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip())
                    .filter(t -> !t.isBlank()).orElse(contentType);
            return new ChannelFile(fileName, type, content);
        } catch (IOException e) {
            throw new ProviderRefusedException(false, "The attachment's download broke off: "
                    + ProviderRefusedException.networkReason(e));
        }
    }

    @Override
    public SendOutcome sendText(String pageToken, String recipient, String text, String messagingType, String tag) {
        var body = Jsons.object().add("recipient", Jsons.object().add("id", recipient))
                .add("messaging_type", messagingType).add("message", Jsons.object().add("text", text));
        if (tag != null) {
            body.add("tag", tag);
        }
        return message(pageToken, HttpRequest.BodyPublishers.ofString(body.build().toString(),
                StandardCharsets.UTF_8), "application/json");
    }

    @Override
    public void passThreadControl(String pageToken, String recipient, String targetAppId, String metadata) {
        threadControl("/me/pass_thread_control", pageToken, Jsons.object().add("recipient", Jsons.object()
                .add("id", recipient)).add("target_app_id", targetAppId).add("metadata", metadata).build());
    }

    @Override
    public void takeThreadControl(String pageToken, String recipient, String metadata) {
        threadControl("/me/take_thread_control", pageToken, Jsons.object().add("recipient", Jsons.object()
                .add("id", recipient)).add("metadata", metadata).build());
    }

    /** A thread-control call (Conversation Routing): Meta answers {@code {"success":true}}. */
    private void threadControl(String path, String pageToken, JsonObject body) {
        JsonObject answer = post(api(path) + "?" + token(pageToken).substring(1), body.toString());
        if (!answer.getBoolean("success", false)) {
            throw new ProviderRefusedException(true, "Facebook did not confirm " + path.substring(4));
        }
    }

    @Override
    public SendOutcome sendFile(String pageToken, String recipient, ChannelFile file, String messagingType,
            String tag) {
        String type = file.contentType() == null ? "" : file.contentType();
        String kind = type.startsWith("image/") ? "image" : type.startsWith("video/") ? "video"
                : type.startsWith("audio/") ? "audio" : "file";
        MultipartBody body = new MultipartBody(file.content().length)
                .field("recipient", Jsons.object().add("id", recipient).build().toString())
                .field("messaging_type", messagingType)
                .field("message", Jsons.object().add("attachment", Jsons.object().add("type", kind)
                        .add("payload", Jsons.object().add("is_reusable", false))).build().toString());
        if (tag != null) {
            body.field("tag", tag);
        }
        body.file("filedata", file);
        return message(pageToken, body.publisher(), body.contentType());
    }

    @Override
    public List<SubscribedApp> subscribedApps(String pageId, String pageToken) {
        JsonObject answer = get(api("/" + encode(pageId) + "/subscribed_apps") + "?" + token(pageToken).substring(1));
        List<SubscribedApp> apps = new ArrayList<>();
        if (answer.get("data") instanceof JsonArray data) {
            for (JsonValue item : data) {
                if (item instanceof JsonObject app && app.containsKey("id")) {
                    List<String> fields = app.get("subscribed_fields") instanceof JsonArray array
                            ? array.stream().filter(JsonString.class::isInstance)
                                    .map(f -> ((JsonString) f).getString()).toList()
                            : List.of();
                    apps.add(new SubscribedApp(text(app, "id"), text(app, "name"), fields));
                }
            }
        }
        return apps;
    }

    @Override
    public String appId(String token) {
        JsonObject answer = get(api("/app") + "?fields=id" + token(token));
        if (!answer.containsKey("id")) {
            throw new ProviderRefusedException(true, "Facebook did not name the app of the page's token");
        }
        return text(answer, "id");
    }

    /** One {@code POST /me/messages}, its answer as a send's outcome. */
    private SendOutcome message(String pageToken, HttpRequest.BodyPublisher body, String contentType) {
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(URI.create(api("/me/messages") + "?" + token(pageToken)
                    .substring(1))).timeout(DOWNLOAD_TIMEOUT).header("Content-Type", contentType).POST(body)
                    .build());
        } catch (ProviderRefusedException e) {
            return new SendOutcome.Retry(null, e.getMessage());
        }
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() == 200 && answer != null && answer.containsKey("message_id")) {
            return new SendOutcome.Sent(text(answer, "message_id"));
        }
        GraphError error = GraphError.of(response.statusCode(), answer);
        if (error.throttled() || response.statusCode() >= 500) {
            return new SendOutcome.Retry(retryAfter(response), error.reason());
        }
        return error.accessLost() ? new SendOutcome.AccessLost(error.reason()) : new SendOutcome.Failed(error.reason());
    }

    /** A Graph error: Meta's code and subcode, and the reason in words. */
    record GraphError(int status, int code, int subcode, String message) {

        static GraphError of(int status, JsonObject answer) {
            if (answer != null && answer.get("error") instanceof JsonObject error) {
                return new GraphError(status, error.getInt("code", 0), error.getInt("error_subcode", 0),
                        error.getString("message", ""));
            }
            return new GraphError(status, 0, 0, "");
        }

        boolean throttled() {
            return status == 429 || THROTTLED.contains(code);
        }

        /**
         * FB-07: the page's access is gone: an invalid or expired token (190, {@code OAuthException}) or a missing
         * permission (10, 200–299), unless the subcode says it concerns one recipient only.
         */
        boolean accessLost() {
            return code == 190 || (code == 10 || code >= 200 && code <= 299) && !ONE_RECIPIENT.contains(subcode);
        }

        String reason() {
            String text = message.isBlank() ? "HTTP " + status : message;
            return "Facebook: " + text + (code == 0 ? "" : " (code " + code + (subcode == 0 ? "" : "/" + subcode)
                    + ")");
        }
    }

    private JsonObject get(String url) {
        return answer(send(HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT).GET().build()));
    }

    private JsonObject post(String url, String body) {
        return answer(send(HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
    }

    private static JsonObject answer(HttpResponse<String> response) {
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() == 200 && answer != null && !answer.containsKey("error")) {
            return answer;
        }
        GraphError error = GraphError.of(response.statusCode(), answer);
        boolean refused = response.statusCode() < 500 && !error.throttled();
        throw new ProviderRefusedException(refused, error.reason());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.fine(() -> "Graph API not reachable: " + e.getClass().getName());
            throw new ProviderRefusedException(false, "Facebook is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderRefusedException(false, "Interrupted while calling Facebook");
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static String text(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? "" : value.toString();
    }

    private String api(String path) {
        return base() + "/" + version + path;
    }

    private String base() {
        if (base == null) {
            base = strip(configuredBase.filter(v -> !v.isBlank()).orElse(DEFAULT_BASE_URL));
        }
        return base;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String strip(String configured) {
        String value = configured.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
