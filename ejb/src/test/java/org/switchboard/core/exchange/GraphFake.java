package org.switchboard.core.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.Pkce;

/**
 * A stateful Microsoft Graph (mail) and Entra ID v2.0 endpoint in one in-process HTTP server (issue 20's "stateful
 * fakes"), its bodies shaped after Microsoft's documentation. Entra ID: {@code /{tenant}/oauth2/v2.0/authorize}
 * signs the {@code login_hint} user in and redirects with a code; {@code /token} redeems it (PKCE S256 checked) and
 * refreshes with rotation (the old refresh token then refused), with a switch that revokes a user's consent. Graph
 * under {@code /v1.0}: bearer tokens it issued only (401 otherwise); mailboxes with folders and messages;
 * {@code mailFolders} and {@code childFolders} in pages; {@code messages/delta} with real delta semantics (a round
 * returns everything, a delta link then only what was added, changed or deleted since, each link replayable until
 * the tokens are expired on demand: 410 {@code syncStateNotFound}); {@code $value}; {@code sendMail} (MIME, 202).
 * It throttles the next calls on demand (429 or 503 with {@code Retry-After}), can hold requests to count how many
 * run at once per mailbox, and can hand out links to another host. A token reaches another user's mailbox
 * ({@code /users/{address}}, SM-01) only where the test granted it, else 403 {@code ErrorAccessDenied} as Graph
 * answers. Public, with a fixed port on demand, because the integration tests start it in their JVM and point the
 * application servers at it.
 */
public final class GraphFake implements AutoCloseable {

    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
    public static final String CLIENT_SECRET = "sZ8Q~fake.secret-value";
    /** The redirect URI the fake's Entra app is registered with until a test sets another. */
    public static final String REDIRECT_URI = "https://crm.example.com/oauth/microsoft/callback";
    private static final String ROOT_ID = "AAMkAGroot=";
    private static final Instant RECEIVED_BASE = Instant.parse("2026-05-04T08:00:00Z");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Mailbox> mailboxes = new HashMap<>();
    private final Map<String, Grant> codes = new HashMap<>();
    private final Set<String> redeemedCodes = new HashSet<>();
    private final Map<String, String> accessTokens = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Set<String> revoked = new HashSet<>();
    /** SM-01: "owner delegate" pairs: the delegate's token reaches the owner's mailbox. */
    private final Set<String> delegations = new HashSet<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CountDownLatch gate;
    private boolean rotate = true;
    private int throttled;
    private int throttleStatus;
    private int throttleSeconds;
    private int folderPageSize = 10;
    private String linkOrigin;
    private Map<String, String> lastTokenForm = Map.of();
    private String redirectUri = REDIRECT_URI;

    /** The fake on an ephemeral port. */
    public GraphFake() throws IOException {
        this(0);
    }

    /** The fake on {@code port} of localhost, 0 for an ephemeral one. */
    public GraphFake(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where Entra ID's authorize and token endpoints are ({@code switchboard.microsoft.login-url}). */
    public String loginUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Graph's base ({@code switchboard.microsoft.graph-url}). */
    public String graphUrl() {
        return loginUrl() + "/v1.0";
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- state the tests set up and read

    /** A mailbox with Graph's well-known Inbox and Sent Items folders; returns the Inbox's id. */
    public synchronized String mailbox(String address) {
        Mailbox mailbox = new Mailbox(address);
        mailboxes.put(key(address), mailbox);
        mailbox.folder(new Folder("AAMkAGsent" + ids.incrementAndGet() + "=", ROOT_ID, "Sent Items", "sentitems"));
        return mailbox.folder(new Folder("AAMkAGinbox" + ids.incrementAndGet() + "=", ROOT_ID, "Inbox", "inbox"));
    }

    /** A folder the user made, under {@code parentId} (null: at the top). */
    public synchronized String folder(String address, String parentId, String displayName) {
        return box(address).folder(new Folder("AAMkAGfolder" + ids.incrementAndGet() + "=",
                parentId == null ? ROOT_ID : parentId, displayName, null));
    }

    /** A new message in the folder, from its MIME source (its Message-ID header becomes its internetMessageId). */
    public synchronized String add(String address, String folderId, byte[] mime) {
        Mailbox mailbox = box(address);
        String id = "AAMkAGmsg" + ids.incrementAndGet() + "-x_y=";
        Matcher messageId = MESSAGE_ID.matcher(new String(mime, 0, Math.min(mime.length, 8192),
                StandardCharsets.ISO_8859_1));
        Message message = new Message(id, folderId, messageId.find() ? messageId.group(1) : "<" + id + "@fake>",
                RECEIVED_BASE.plus(mailbox.messages.size(), ChronoUnit.MINUTES), mime);
        message.changed = ++mailbox.seq;
        mailbox.messages.put(id, message);
        return id;
    }

    /** A change to a message (read, flagged, categorised): it comes back in the next delta round. */
    public synchronized void change(String address, String messageId) {
        Mailbox mailbox = box(address);
        mailbox.messages.get(messageId).changed = ++mailbox.seq;
    }

    /** A deleted message: the next delta round reports it {@code @removed}. */
    public synchronized void delete(String address, String messageId) {
        Mailbox mailbox = box(address);
        Message message = mailbox.messages.get(messageId);
        message.deleted = true;
        message.changed = ++mailbox.seq;
    }

    /** Every delta and skip token of the mailbox expires: a link given before answers 410. */
    public synchronized void expireDeltaTokens(String address) {
        box(address).tokens.clear();
    }

    /** The next {@code calls} Graph calls answer {@code status} (429 or 503) with {@code Retry-After: seconds}. */
    public synchronized void throttleNext(int calls, int status, int seconds) {
        throttled = calls;
        throttleStatus = status;
        throttleSeconds = seconds;
    }

    /** At most this many folders per page, whatever {@code $top} asks (Graph's default page is 10). */
    public synchronized void folderPageSize(int size) {
        folderPageSize = size;
    }

    /** Links (next and delta) point at another origin from now on, as a compromised or confused proxy would. */
    public synchronized void linksTo(String origin) {
        linkOrigin = origin;
    }

    /** Whether a refresh returns a new refresh token (and invalidates the old one); Entra ID's default is yes. */
    public synchronized void rotateRefreshTokens(boolean rotating) {
        rotate = rotating;
    }

    /** The user's consent is revoked: the next refresh is {@code invalid_grant} (AADSTS70000). */
    public synchronized void revokeConsent(String address) {
        revoked.add(key(address));
    }

    /** Every access token issued so far stops being accepted (expired): Graph answers 401. */
    public synchronized void expireAccessTokens() {
        accessTokens.clear();
    }

    /** The MIME of every message the mailbox sent ({@code sendMail}), oldest first. */
    public synchronized List<byte[]> sent(String address) {
        return List.copyOf(box(address).sent);
    }

    /** How many {@code messages/delta} requests reached the mailbox, whatever their answer. */
    public synchronized int deltaRequests(String address) {
        return box(address).deltaRequests;
    }

    /** How many {@code messages/{id}/$value} requests reached the mailbox, whatever their answer. */
    public synchronized int mimeRequests(String address) {
        return box(address).mimeRequests;
    }

    /**
     * The redirect URI the Entra app is registered with: the authorize endpoint accepts exactly this one (the
     * application's {@code /oauth/microsoft/callback} under its site URL in the integration tests).
     */
    public synchronized void redirectUri(String uri) {
        redirectUri = uri;
    }

    /**
     * SM-01: {@code delegate}'s token may reach {@code owner}'s mailbox through {@code /users/{owner}} (full access
     * to a shared mailbox); without it Graph answers 403.
     */
    public synchronized void grantAccess(String owner, String delegate) {
        delegations.add(key(owner) + " " + key(delegate));
    }

    public synchronized Map<String, String> lastTokenForm() {
        return lastTokenForm;
    }

    /** Graph requests are held (not answered) until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** How many Graph requests for the mailbox are being served right now. */
    public int inFlight(String address) {
        return inFlight.computeIfAbsent(key(address), k -> new AtomicInteger()).get();
    }

    /** The most Graph requests for the mailbox that were ever served at once. */
    public int maxInFlight(String address) {
        return maxInFlight.computeIfAbsent(key(address), k -> new AtomicInteger()).get();
    }

    /**
     * The browser's visit to the authorize URL: the {@code login_hint} user signs in and consents; returns the
     * redirect's query ({@code code}, {@code state}) or the authorize endpoint's refusal as {@code error}.
     */
    public Map<String, String> authorize(String authorizationUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 302) {
            return Map.of("error", "HTTP " + response.statusCode() + " " + response.body());
        }
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = query(location.getRawQuery());
        query.put("redirect", location.getScheme() + "://" + location.getAuthority() + location.getPath());
        return query;
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/v1.0/")) {
                graph(exchange, path.substring("/v1.0/".length()));
            } else if (path.equals("/" + TENANT + "/oauth2/v2.0/authorize")) {
                authorize(exchange);
            } else if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
                token(exchange);
            } else {
                send(exchange, 404, null, "");
            }
        } finally {
            exchange.close();
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String user = query.getOrDefault("login_hint", "");
        synchronized (this) {
            if (!CLIENT_ID.equals(query.get("client_id")) || !redirectUri.equals(query.get("redirect_uri"))
                    || !"code".equals(query.get("response_type")) || !"S256".equals(query.get(
                            "code_challenge_method")) || query.get("code_challenge") == null
                    || !mailboxes.containsKey(key(user))) {
                send(exchange, 400, "text/plain", "AADSTS900144: The request body must contain a valid request.");
                return;
            }
            String code = "0.ARoA" + UUID.randomUUID();
            codes.put(code, new Grant(key(user), query.get("scope"), query.get("code_challenge"), redirectUri));
            exchange.getResponseHeaders().add("Location", redirectUri + "?code=" + code + "&state="
                    + MicrosoftHttp.encode(query.getOrDefault("state", "")) + "&session_state=" + UUID.randomUUID());
        }
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        JsonObject answer;
        int status = 200;
        synchronized (this) {
            lastTokenForm = Map.copyOf(form);
            Grant grant = null;
            String refused = null;
            if (!CLIENT_ID.equals(form.get("client_id"))) {
                status = 400;
                refused = "unauthorized_client|700016|Application with identifier '" + form.get("client_id")
                        + "' was not found in the directory '" + TENANT + "'.";
            } else if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
                status = 401;
                refused = "invalid_client|7000215|Invalid client secret provided. Ensure the secret being sent in "
                        + "the request is the client secret value, not the client secret ID.";
            } else if ("authorization_code".equals(form.get("grant_type"))) {
                String code = form.getOrDefault("code", "");
                grant = codes.remove(code);
                if (grant == null) {
                    refused = redeemedCodes.contains(code) ? "invalid_grant|54005|OAuth2 Authorization code was "
                            + "already redeemed, please retry with a new valid code or use an existing refresh token."
                            : "invalid_grant|70000|The provided value for the 'code' parameter is not valid.";
                } else if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
                    refused = "invalid_grant|50148|The redirect_uri does not match the one of the authorization "
                            + "request.";
                } else if (!grant.challenge().equals(Pkce.challenge(form.getOrDefault("code_verifier", "")))) {
                    refused = "invalid_grant|501481|The Code_Verifier does not match the code_challenge supplied in "
                            + "the authorization request.";
                }
                redeemedCodes.add(code);
            } else if ("refresh_token".equals(form.get("grant_type"))) {
                grant = refreshTokens.get(form.getOrDefault("refresh_token", ""));
                if (grant == null) {
                    refused = "invalid_grant|9002313|Invalid request. Request is malformed or invalid.";
                } else if (revoked.contains(grant.user())) {
                    refused = "invalid_grant|70000|The request was denied because one or more scopes requested are "
                            + "unauthorized or expired. The user must first sign in and grant the client application "
                            + "access to the requested scope.";
                } else if (rotate) {
                    refreshTokens.remove(form.get("refresh_token"));
                }
            } else {
                refused = "unsupported_grant_type|70003|The app requested an unsupported grant type.";
            }
            if (refused != null) {
                status = status == 200 ? 400 : status;
                String[] parts = refused.split("\\|", 3);
                answer = entraError(parts[0], Integer.parseInt(parts[1]), parts[2]);
            } else {
                answer = issue(grant, "authorization_code".equals(form.get("grant_type")) || rotate);
            }
        }
        send(exchange, status, "application/json; charset=utf-8", answer.toString());
    }

    /** Entra ID's token response: a new access token for the user, and a new refresh token when asked. */
    private JsonObject issue(Grant grant, boolean withRefreshToken) {
        String access = "eyJ0eXAiOiJKV1Qi." + UUID.randomUUID();
        accessTokens.put(access, grant.user());
        JsonObjectBuilder answer = Jsons.object().add("token_type", "Bearer").add("scope", grant.scope()
                .replace("offline_access", "").strip()).add("expires_in", 3599).add("ext_expires_in", 3599)
                .add("access_token", access);
        if (withRefreshToken) {
            String refresh = "1.ARoA" + UUID.randomUUID();
            refreshTokens.put(refresh, grant);
            answer.add("refresh_token", refresh);
        }
        return answer.build();
    }

    /** Entra ID's error body: the code, its AADSTS description with trace lines, its codes and ids. */
    private static JsonObject entraError(String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
        return Jsons.object().add("error", error).add("error_description", "AADSTS" + code + ": " + description
                + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + timestamp)
                .add("error_codes", Jsons.array().add(code)).add("timestamp", timestamp).add("trace_id", trace)
                .add("correlation_id", correlation).add("error_uri", "https://login.microsoftonline.com/error?code="
                        + code).build();
    }

    private void graph(HttpExchange exchange, String path) throws IOException {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String user;
        synchronized (this) {
            user = bearer != null && bearer.startsWith("Bearer ") ? accessTokens.get(bearer.substring(7)) : null;
        }
        if (user == null) {
            graphError(exchange, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            return;
        }
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        String owner = segments.remove(0).equals("users") && !segments.isEmpty() ? key(segments.remove(0)) : user;
        AtomicInteger running = inFlight.computeIfAbsent(owner, k -> new AtomicInteger());
        maxInFlight.computeIfAbsent(owner, k -> new AtomicInteger()).accumulateAndGet(running.incrementAndGet(),
                Math::max);
        try {
            CountDownLatch held = gate;
            if (held != null && !held.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("A test held the Graph fake for 30 seconds");
            }
            graph(exchange, user, owner, segments);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
    }

    private void graph(HttpExchange exchange, String user, String owner, List<String> segments) throws IOException {
        int throttle;
        synchronized (this) {
            throttle = throttled-- > 0 ? throttleStatus : 0;
        }
        if (throttle != 0) {
            exchange.getResponseHeaders().add("Retry-After", String.valueOf(throttleSeconds));
            graphError(exchange, throttle, throttle == 429 ? "TooManyRequests" : "ServiceUnavailable",
                    "Application is over its MailboxConcurrency limit.");
            return;
        }
        Mailbox mailbox;
        synchronized (this) {
            mailbox = mailboxes.get(owner);
        }
        if (mailbox == null) {
            graphError(exchange, 404, "ErrorInvalidUser", "The requested user '" + owner + "' is invalid.");
            return;
        }
        if (!mayReach(user, owner)) {
            graphError(exchange, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        String route = String.join("/", segments.stream().map(s -> s.startsWith("AAMk") ? "{id}" : s).toList());
        switch (method + " " + route) {
            case "GET mailFolders" -> folders(exchange, mailbox, ROOT_ID, query);
            case "GET mailFolders/{id}/childFolders" -> folders(exchange, mailbox, segments.get(1), query);
            case "GET mailFolders/{id}/messages/delta" -> delta(exchange, mailbox, segments.get(1), query);
            case "GET messages/{id}/$value" -> mime(exchange, mailbox, segments.get(1));
            case "POST sendMail" -> sendMail(exchange, mailbox);
            default -> graphError(exchange, 400, "BadRequest", "Resource not found for the segment '"
                    + String.join("/", segments) + "'.");
        }
    }

    private void folders(HttpExchange exchange, Mailbox mailbox, String parentId, Map<String, String> query)
            throws IOException {
        String body;
        synchronized (this) {
            List<Folder> children = mailbox.folders.values().stream().filter(f -> f.parentId().equals(parentId))
                    .toList();
            int skip = Integer.parseInt(query.getOrDefault("$skip", "0"));
            int top = Math.min(folderPageSize, Integer.parseInt(query.getOrDefault("$top", "10")));
            String select = query.getOrDefault("$select", "");
            JsonArrayBuilder value = Jsons.array();
            for (Folder folder : children.subList(Math.min(skip, children.size()),
                    Math.min(skip + top, children.size()))) {
                JsonObjectBuilder item = Jsons.object().add("id", folder.id()).add("displayName",
                        folder.displayName()).add("parentFolderId", folder.parentId()).add("childFolderCount",
                        mailbox.folders.values().stream().filter(f -> f.parentId().equals(folder.id())).count())
                        .add("unreadItemCount", 0).add("totalItemCount", mailbox.messages.values().stream()
                                .filter(m -> !m.deleted && m.folderId.equals(folder.id())).count())
                        .add("isHidden", false);
                if (folder.wellKnownName() != null && select.contains("wellKnownName")) {
                    item.add("wellKnownName", folder.wellKnownName());
                }
                value.add(item);
            }
            JsonObjectBuilder page = Jsons.object().add("@odata.context", graphUrl() + "/$metadata#users('"
                    + mailbox.address + "')/mailFolders").add("value", value);
            if (skip + top < children.size()) {
                page.add("@odata.nextLink", origin() + exchange.getRequestURI().getRawPath() + "?$top=" + top
                        + "&$skip=" + (skip + top) + "&$select=" + select);
            }
            body = page.build().toString();
        }
        send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
    }

    /**
     * One page of a delta round. A round starts with no token (every message of the folder) or with a delta token
     * (what changed after its watermark); its changes are fixed when it starts and handed out in pages of
     * {@code Prefer: odata.maxpagesize}, each next page behind a skip token, the last with a new delta token.
     */
    private void delta(HttpExchange exchange, Mailbox mailbox, String folderId, Map<String, String> query)
            throws IOException {
        String body;
        synchronized (this) {
            mailbox.deltaRequests++;
            String token = query.containsKey("$skiptoken") ? query.get("$skiptoken") : query.get("$deltatoken");
            Round round;
            if (token == null) {
                round = new Round(folderId, changesAfter(mailbox, folderId, -1), mailbox.seq);
            } else {
                Round known = mailbox.tokens.get(token);
                if (known == null || !known.folderId().equals(folderId)) {
                    graphError(exchange, 410, "syncStateNotFound", "The sync state generation is not found. The "
                            + "delta token is expired and data must be synchronized again.");
                    return;
                }
                round = query.containsKey("$skiptoken") ? known
                        : new Round(folderId, changesAfter(mailbox, folderId, known.watermark()), mailbox.seq);
            }
            int size = pageSize(exchange);
            JsonArrayBuilder value = Jsons.array();
            for (Message message : round.changes().subList(0, Math.min(size, round.changes().size()))) {
                value.add(message.deleted ? Jsons.object().add("@odata.type", "#microsoft.graph.message")
                        .add("id", message.id).add("@removed", Jsons.object().add("reason", "deleted"))
                        : Jsons.object().add("@odata.type", "#microsoft.graph.message").add("@odata.etag",
                                "W/\"CQAAABYAAAA" + message.changed + "\"").add("id", message.id)
                                .add("receivedDateTime", message.received.toString())
                                .add("internetMessageId", message.internetMessageId));
            }
            String link = origin() + exchange.getRequestURI().getRawPath();
            String next = UUID.randomUUID().toString().replace("-", "");
            JsonObjectBuilder page = Jsons.object().add("@odata.context", graphUrl()
                    + "/$metadata#Collection(message)").add("value", value);
            if (round.changes().size() > size) {
                mailbox.tokens.put(next, new Round(folderId, round.changes().subList(size, round.changes().size()),
                        round.watermark()));
                page.add("@odata.nextLink", link + "?$skiptoken=" + next);
            } else {
                mailbox.tokens.put(next, new Round(folderId, List.of(), round.watermark()));
                page.add("@odata.deltaLink", link + "?$deltatoken=" + next);
            }
            body = page.build().toString();
        }
        send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
    }

    private static List<Message> changesAfter(Mailbox mailbox, String folderId, long watermark) {
        return mailbox.messages.values().stream().filter(m -> m.folderId.equals(folderId) && m.changed > watermark
                && (watermark >= 0 || !m.deleted)).toList();
    }

    private static int pageSize(HttpExchange exchange) {
        String prefer = exchange.getRequestHeaders().getFirst("Prefer");
        Matcher size = Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer == null ? "" : prefer);
        return size.find() ? Math.max(1, Integer.parseInt(size.group(1))) : 10;
    }

    private void mime(HttpExchange exchange, Mailbox mailbox, String messageId) throws IOException {
        byte[] mime;
        synchronized (this) {
            mailbox.mimeRequests++;
            Message message = mailbox.messages.get(messageId);
            mime = message == null || message.deleted ? null : message.mime;
        }
        if (mime == null) {
            graphError(exchange, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int offset = 0; offset < mime.length; offset += 65536) {
                out.write(mime, offset, Math.min(65536, mime.length - offset));
            }
        }
    }

    private void sendMail(HttpExchange exchange, Mailbox mailbox) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] mime;
        try (InputStream in = exchange.getRequestBody()) {
            mime = Base64.getMimeDecoder().decode(in.readAllBytes());
        } catch (IllegalArgumentException e) {
            mime = null;
        }
        if (type == null || !type.startsWith("text/plain") || mime == null || mime.length == 0) {
            graphError(exchange, 400, "ErrorMimeContentInvalidBase64String",
                    "Invalid base64 string for MIME content.");
            return;
        }
        synchronized (this) {
            mailbox.sent.add(mime);
            String sentItems = mailbox.folders.values().stream().filter(f -> "sentitems".equals(f.wellKnownName()))
                    .findFirst().orElseThrow().id();
            add(mailbox.address, sentItems, mime);
        }
        exchange.sendResponseHeaders(202, -1);
    }

    private static void graphError(HttpExchange exchange, int status, String code, String message)
            throws IOException {
        String id = UUID.randomUUID().toString();
        send(exchange, status, "application/json", Jsons.object().add("error", Jsons.object().add("code", code)
                .add("message", message).add("innerError", Jsons.object().add("date", Instant.now()
                        .truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "")).add("request-id", id)
                        .add("client-request-id", id))).build().toString());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** SM-01: a token reaches its own user's mailbox, and another's only where the test granted it. */
    private synchronized boolean mayReach(String user, String owner) {
        return user.equals(owner) || delegations.contains(owner + " " + user);
    }

    private synchronized String origin() {
        return linkOrigin != null ? linkOrigin : loginUrl();
    }

    private Mailbox box(String address) {
        return mailboxes.get(key(address));
    }

    private static String key(String address) {
        return URLDecoder.decode(address, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    public static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private record Grant(String user, String scope, String challenge, String redirectUri) {
    }

    private record Folder(String id, String parentId, String displayName, String wellKnownName) {
    }

    /** A round's changes still to hand out, and the mailbox's change counter when the round started. */
    private record Round(String folderId, List<Message> changes, long watermark) {
    }

    private static final class Message {
        final String id;
        final String folderId;
        final String internetMessageId;
        final Instant received;
        final byte[] mime;
        long changed;
        boolean deleted;

        Message(String id, String folderId, String internetMessageId, Instant received, byte[] mime) {
            this.id = id;
            this.folderId = folderId;
            this.internetMessageId = internetMessageId;
            this.received = received;
            this.mime = mime;
        }
    }

    private static final class Mailbox {
        final String address;
        final Map<String, Folder> folders = new LinkedHashMap<>();
        final Map<String, Message> messages = new LinkedHashMap<>();
        final Map<String, Round> tokens = new HashMap<>();
        final List<byte[]> sent = new ArrayList<>();
        long seq;
        int deltaRequests;
        int mimeRequests;

        Mailbox(String address) {
            this.address = address;
        }

        String folder(Folder folder) {
            folders.put(folder.id(), folder);
            return folder.id();
        }
    }
}
