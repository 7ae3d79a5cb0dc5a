package org.switchboard.it;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An HTTP client for the REST API in integration tests: sends HTTP Basic credentials of one user on every
 * request (or none), keeps the cookies the server sets (the session) and returns status, headers and body,
 * with the body parsed as JSON on demand.
 *
 * <p>Paths resolve against the application URL ({@code http://localhost:8080/switchboard/}) like links in
 * a page: {@code "api/v1/health/ready"} is inside the application, {@code "/openapi"} is at the host root.
 *
 * <pre>{@code
 * ApiClient admin = ApiClient.asAdmin(base);
 * ApiResponse created = admin.post("api/v1/users", Json.createObjectBuilder().add("name", "bob").build());
 * assertEquals(201, created.status());
 * }</pre>
 */
public final class ApiClient {

    /** The user the test servers create at their first start. */
    public static final String ADMIN = "admin";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final URL base;
    private final String authorization;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    private ApiClient(URL base, String user, String password) {
        this(base, user, password, null);
    }

    private ApiClient(URL base, String user, String password, SSLContext tls) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls).version(HttpClient.Version.HTTP_1_1);
        }
        this.http = builder.build();
        defaultHeaders.put("Accept", "application/json");
        defaultHeaders.put("Accept-Language", "en-US");
    }

    /** A client that signs in as {@code admin} with the test servers' admin password. */
    public static ApiClient asAdmin(URL base) {
        return as(base, ADMIN, TestSettings.adminPassword());
    }

    /** A client that signs in as the given user with HTTP Basic on every request. */
    public static ApiClient as(URL base, String user, String password) {
        return new ApiClient(base, user, UsedSecrets.remember(password));
    }

    /**
     * {@code admin} over the server's https listener, as an administrator whose browser uses the public https address
     * (TG-01). The test servers' certificates are self-signed, so this client trusts any: for tests only.
     */
    public static ApiClient asAdminOverTls(URL base) {
        return overTls(base, ADMIN, TestSettings.adminPassword());
    }

    /** A client without credentials over the server's https listener (a browser on the public https address). */
    public static ApiClient anonymousOverTls(URL base) {
        return overTls(base, null, null);
    }

    private static ApiClient overTls(URL base, String user, String password) {
        try {
            URL tlsBase = new URL("https", base.getHost(), TestSettings.tlsPort(), base.getPath());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustingAnyServer()}, null);
            return new ApiClient(tlsBase, user, password, tls);
        } catch (java.net.MalformedURLException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts the test server's self-signed certificate, whatever host name it carries. */
    private static final class TrustingAnyServer extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // trusted: a test server's self-signed certificate
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // trusted: a test server's self-signed certificate
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusted: a test server's self-signed certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A client without credentials (cookies are still kept). */
    public static ApiClient anonymous(URL base) {
        return new ApiClient(base, null, null);
    }

    /** Sends this header on every later request of this client (replacing a default such as Accept). */
    public ApiClient header(String name, String value) {
        defaultHeaders.put(name, value);
        return this;
    }

    /**
     * Signs in through the login page as a browser does (pages take no HTTP Basic): the form's POST with the view
     * state of a fresh GET. This client keeps the session cookie afterwards; use it on a client without credentials.
     *
     * @return the answer to the POST (a 302 on success, whose {@code Set-Cookie} carries the new session)
     */
    public ApiResponse signIn(String login, String password) {
        ApiResponse form = send(HttpRequest.newBuilder(resolve("login.xhtml")).header("Accept", "text/html").GET()
                .build());
        Matcher viewState = VIEW_STATE.matcher(form.body());
        if (!viewState.find()) {
            throw new AssertionError("No view state in the login page: " + form);
        }
        String body = Map.of("login", "login", "login:username", login, "login:password", password,
                        "login:signIn", "", "jakarta.faces.ViewState", viewState.group(1)).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(resolve("login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The cookies this client keeps, for example to check or drop the session. */
    public CookieManager cookies() {
        return cookies;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null);
    }

    public ApiResponse post(String path, JsonValue body) {
        return send("POST", path, body);
    }

    public ApiResponse put(String path, JsonValue body) {
        return send("PUT", path, body);
    }

    public ApiResponse patch(String path, JsonValue body) {
        return send("PATCH", path, body);
    }

    /** Sends a request with an optional JSON body. */
    public ApiResponse send(String method, String path, JsonValue body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .method(method, publisher);
        defaultHeaders.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** Sends a request built by the caller (for other content types); credentials and cookies still apply. */
    public ApiResponse send(HttpRequest request) {
        HttpRequest effective = request;
        if (authorization != null && request.headers().firstValue("Authorization").isEmpty()) {
            effective = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", authorization).build();
        }
        try {
            HttpResponse<String> response;
            try {
                response = http.send(effective, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (!retried(effective, e)) {
                    throw e;
                }
                response = http.send(effective, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            return new ApiResponse(effective.method(), effective.uri(), response.statusCode(), response.headers(),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(effective.method() + " " + effective.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + effective.method() + " " + effective.uri(), e);
        }
    }

    /**
     * Whether a request that failed on the wire is sent once more: a GET whose connection broke (not one that timed
     * out: a server that does not answer is a finding), as browsers and HTTP libraries resend an idempotent request.
     * A CI run failed once on a GET of the events API with an I/O error the summary did not show; the failure is
     * printed so that a second one can be told apart.
     */
    private static boolean retried(HttpRequest request, IOException failure) {
        if (!"GET".equals(request.method()) || failure instanceof HttpTimeoutException) {
            return false;
        }
        System.err.println("[switchboard-it] GET " + request.uri() + " broke (" + failure + "); sent once more");
        return true;
    }

    /** GETs a file's bytes as they are (a binary download), with this client's credentials and cookies. */
    public HttpResponse<byte[]> download(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(REQUEST_TIMEOUT).GET();
        defaultHeaders.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: GET " + path, e);
        }
    }

    /** The absolute URI of a path (see the class comment). */
    public URI resolve(String path) {
        return Deployments.resolve(base, path);
    }
}
