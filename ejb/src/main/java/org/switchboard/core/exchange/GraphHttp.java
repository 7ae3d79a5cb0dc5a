package org.switchboard.core.exchange;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.logging.Logger;
import org.switchboard.core.common.Jsons;

/**
 * What Switchboard's Graph clients (mail, contacts) share on the wire: Graph's base URL, the mailbox's bearer token
 * and one of its request slots on every call, links followed only to Graph's own origin, folder listings and delta
 * pages read alike, and what a failed answer means. Nothing is retried and no URL, token or content is logged.
 */
final class GraphHttp {

    private final URI base;
    private final GraphRequestSlots slots;
    private final Logger log;
    private final HttpClient http = MicrosoftHttp.newClient();

    /**
     * @param base Graph's base URL, with or without its trailing slash
     * @param log the client's own logger, which the FINE lines go to
     */
    GraphHttp(String base, GraphRequestSlots slots, Logger log) {
        this.base = URI.create(MicrosoftHttp.strip(base));
        this.slots = slots;
        this.log = log;
    }

    /** The configured base URL ({@value HttpGraphMailClient#BASE_URL_KEY}), Graph's own when none is set. */
    static String baseUrl(Optional<String> configured) {
        return configured.filter(v -> !v.isBlank()).orElse(HttpGraphMailClient.DEFAULT_BASE_URL);
    }

    URI base() {
        return base;
    }

    /** The path under the mailbox: {@code /me/…} or {@code /users/{address}/…}. */
    String api(GraphMailbox mailbox, String path) {
        return base + "/" + mailbox.userPath() + path;
    }

    /**
     * Every folder of a listing and, breadth first, of the listings it leads to, across their pages: parents before
     * their children, at most {@code max}.
     *
     * @param read the folder a listed item is, or null to pass it over
     * @param children the listing of the folder's children, or null when it has none
     */
    <T> List<T> folders(GraphMailbox mailbox, String first, Function<JsonObject, T> read,
            Function<T, String> children, int max) {
        List<T> folders = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(first);
        while (!pending.isEmpty() && folders.size() < max) {
            JsonObject page = json(mailbox, pending.poll(), 0);
            for (JsonValue item : array(page, "value")) {
                T folder = item instanceof JsonObject object && MicrosoftHttp.text(object, "id") != null
                        ? read.apply(object) : null;
                if (folder != null) {
                    folders.add(folder);
                    String listing = children.apply(folder);
                    if (listing != null) {
                        pending.add(listing);
                    }
                }
            }
            String next = MicrosoftHttp.text(page, "@odata.nextLink");
            if (next != null) {
                pending.addFirst(sameOrigin(next));
            }
        }
        return folders;
    }

    /**
     * One page of a delta round: at {@code first} when {@code link} is null, else at the link Graph gave before
     * (same origin only). Removed items ({@code @removed}) give their id, the others what {@code read} makes of them.
     */
    <T> DeltaItems<T> delta(GraphMailbox mailbox, String first, String link, int maxPageSize,
            Function<JsonObject, T> read) {
        JsonObject page = json(mailbox, link == null ? first : sameOrigin(link), maxPageSize);
        List<T> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonValue item : array(page, "value")) {
            if (item instanceof JsonObject object && MicrosoftHttp.text(object, "id") != null) {
                if (object.containsKey("@removed")) {
                    removed.add(MicrosoftHttp.text(object, "id"));
                } else {
                    changed.add(read.apply(object));
                }
            }
        }
        String next = MicrosoftHttp.text(page, "@odata.nextLink");
        String delta = MicrosoftHttp.text(page, "@odata.deltaLink");
        if ((next == null) == (delta == null)) {
            throw new GraphException(GraphException.Outcome.REFUSED,
                    "Microsoft Graph: a delta page without exactly one of @odata.nextLink and @odata.deltaLink");
        }
        return new DeltaItems<>(changed, removed, next == null ? null : sameOrigin(next),
                delta == null ? null : sameOrigin(delta));
    }

    /** A GET's answer as a JSON object, or the failure it means. */
    JsonObject json(GraphMailbox mailbox, String url, int maxPageSize) {
        HttpRequest.Builder request = request(mailbox, url, MicrosoftHttp.CALL_TIMEOUT)
                .header("Accept", "application/json").GET();
        if (maxPageSize > 0) {
            request.header("Prefer", "odata.maxpagesize=" + maxPageSize);
        }
        HttpResponse<String> response = call(mailbox, request.build());
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() == 200 && answer != null) {
            return answer;
        }
        throw failure(response.statusCode(), response.body(), response, url.contains("/delta"));
    }

    /** One call with a JSON body, in one of the mailbox's slots. */
    HttpResponse<String> withJson(GraphMailbox mailbox, String method, String url, String body) {
        return call(mailbox, request(mailbox, url, MicrosoftHttp.CALL_TIMEOUT).header("Content-Type",
                "application/json").header("Accept", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    static HttpRequest.Builder request(GraphMailbox mailbox, String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + mailbox.accessToken());
    }

    /** One call in one of the mailbox's slots, its answer read whole (JSON pages and errors are small). */
    HttpResponse<String> call(GraphMailbox mailbox, HttpRequest request) {
        Semaphore slot = acquire(mailbox);
        try {
            return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } finally {
            slot.release();
        }
    }

    /** The request sent as it is; the caller holds the mailbox's slot. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            log.fine(() -> "Microsoft Graph not reachable: " + e.getClass().getName());
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "Microsoft Graph is not reachable: "
                    + MicrosoftHttp.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "Interrupted while calling Microsoft Graph");
        }
    }

    Semaphore acquire(GraphMailbox mailbox) {
        return slots.acquire(mailbox);
    }

    /**
     * What a non-success answer means. A 410 (or Graph's {@code syncStateNotFound} code under another status) on a
     * delta link is an expired delta token: the folder is synced again from a new round.
     */
    GraphException failure(int status, String body, HttpResponse<?> response, boolean delta) {
        JsonObject answer = Jsons.objectOrNull(body);
        JsonObject error = answer != null && answer.get("error") instanceof JsonObject inner ? inner : null;
        String code = error == null ? "" : Objects.requireNonNullElse(MicrosoftHttp.text(error, "code"), "");
        String message = error == null ? "" : Objects.requireNonNullElse(MicrosoftHttp.text(error, "message"), "");
        String reason = "Microsoft Graph: HTTP " + status + (code.isEmpty() ? "" : " " + code)
                + (message.isBlank() ? "" : ": " + message.lines().findFirst().orElse("").strip());
        Duration wait = MicrosoftHttp.retryAfter(response.headers());
        log.fine(() -> "Microsoft Graph answered HTTP " + status + " " + code);
        if (status == 429 || status == 503 && wait != null) {
            return new GraphException(GraphException.Outcome.THROTTLED, reason, wait);
        }
        if (delta && (status == 410 || "syncStateNotFound".equalsIgnoreCase(code))) {
            return new GraphException(GraphException.Outcome.DELTA_EXPIRED, reason);
        }
        if (status == 401) {
            return new GraphException(GraphException.Outcome.TOKEN_REJECTED, reason);
        }
        return new GraphException(status >= 500 ? GraphException.Outcome.UNAVAILABLE
                : GraphException.Outcome.REFUSED, reason, wait);
    }

    /**
     * The link itself when it is absolute and on Graph's origin (scheme, host and port of the base URL) under its
     * path; a refusal otherwise, before anything is sent: the bearer token goes nowhere else.
     */
    String sameOrigin(String link) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a link that is not a URL");
        }
        boolean same = uri.isAbsolute() && base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(Objects.requireNonNullElse(uri.getHost(), ""))
                && port(base) == port(uri) && Objects.requireNonNullElse(uri.getRawPath(), "")
                        .startsWith(Objects.requireNonNullElse(base.getRawPath(), "") + "/");
        if (!same) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a link to "
                    + (uri.getHost() == null ? "another address" : uri.getHost())
                    + " is not followed: only links to " + base.getHost() + " are");
        }
        return link;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static JsonArray array(JsonObject object, String key) {
        return object.get(key) instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
    }

    /**
     * One page of a delta round as read: exactly one of {@code nextLink} and {@code deltaLink} is set, each on
     * Graph's origin.
     */
    record DeltaItems<T>(List<T> changed, List<String> removedIds, String nextLink, String deltaLink) {
    }
}
