package org.switchboard.core.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.Pkce;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;

/**
 * The organisation's identity broker (FB-01): an OAuth 2.0 / OpenID Connect server, Keycloak in the tests and the
 * documentation, through which an administrator signs in to an external provider (Facebook now, LinkedIn later) so
 * that Switchboard gets that provider's token without ever handling the password. Switchboard is a confidential
 * client of the broker ({@code IdentityServerClientId}, {@code IdentityServerClientSecret}) at
 * {@code IdentityServerUrl}, the address whose {@code /.well-known/openid-configuration} describes it (Keycloak: the
 * realm's address). The flow is the authorization code grant with PKCE (S256) and a {@code state} the callback must
 * return; the provider is chosen with {@code kc_idp_hint}, and its token is then read from the broker at
 * {@code {IdentityServerUrl}/broker/{alias}/token} (Keycloak's "Store tokens", the {@code broker.read-token} role).
 * Knows nothing of the providers themselves. Tokens and secrets are never logged.
 */
@ApplicationScoped
public class IdentityBroker {

    /** Where the broker sends the browser back to, under {@code SiteUrl}: the redirect URI registered there. */
    public static final String CALLBACK_PATH = "/oauth/broker/callback";
    /** The OpenID Connect discovery document under {@code IdentityServerUrl}. */
    static final String DISCOVERY = "/.well-known/openid-configuration";
    private static final Logger LOG = Logger.getLogger(IdentityBroker.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private SystemSettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The broker's three settings, all filled. */
    record Settings(String url, String clientId, String clientSecret) {
        Settings {
            url = strip(url);
        }
    }

    /**
     * Whether the three settings are filled; the names of the empty ones otherwise, in the order the settings page
     * lists them.
     */
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (settings.text(SettingCodes.IDENTITY_SERVER_URL).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(SettingCodes.IDENTITY_SERVER_URL);
        }
        if (settings.text(SettingCodes.IDENTITY_SERVER_CLIENT_ID).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(SettingCodes.IDENTITY_SERVER_CLIENT_ID);
        }
        if (settings.secret(SettingCodes.IDENTITY_SERVER_CLIENT_SECRET).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(SettingCodes.IDENTITY_SERVER_CLIENT_SECRET);
        }
        return missing;
    }

    private Settings configured() {
        List<String> missing = missingSettings();
        if (!missing.isEmpty()) {
            throw new RuleViolationException("error.broker.notConfigured", null, String.join(", ", missing));
        }
        return new Settings(strip(settings.text(SettingCodes.IDENTITY_SERVER_URL).orElseThrow()),
                settings.text(SettingCodes.IDENTITY_SERVER_CLIENT_ID).orElseThrow().strip(),
                settings.secret(SettingCodes.IDENTITY_SERVER_CLIENT_SECRET).orElseThrow());
    }

    /**
     * Starts a sign-in to the broker's identity provider {@code alias}: reads the broker's discovery document and
     * returns where to send the browser, with a new state and PKCE verifier.
     *
     * @param redirectUri the callback, {@code /oauth/broker/callback} under {@code SiteUrl}, registered at the broker
     * @throws RuleViolationException  naming the empty settings
     * @throws IdentityBrokerException when the broker cannot be reached or is not an OpenID Connect server
     */
    public BrokerSignIn begin(String alias, String redirectUri) {
        return begin(configured(), alias, redirectUri);
    }

    BrokerSignIn begin(Settings broker, String alias, String redirectUri) {
        JsonObject discovery = discover(broker);
        String authorization = endpoint(discovery, "authorization_endpoint", broker);
        String token = endpoint(discovery, "token_endpoint", broker);
        String state = Pkce.random(32);
        String verifier = Pkce.random(48);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", broker.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid");
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("kc_idp_hint", alias);
        String url = authorization + (authorization.contains("?") ? "&" : "?") + form(query);
        return new BrokerSignIn(alias, state, verifier, redirectUri, url, token);
    }

    /**
     * Completes a sign-in with the code the callback brought: exchanges it for the broker's tokens, then reads the
     * provider's token the broker stored at the sign-in.
     *
     * @return the provider's access token (Facebook's user token, for instance)
     * @throws IdentityBrokerException naming what failed and the broker setting that fixes it
     */
    public String providerToken(BrokerSignIn signIn, String code) {
        return providerToken(configured(), signIn, code);
    }

    String providerToken(Settings broker, BrokerSignIn signIn, String code) {
        String brokerToken = exchange(broker, signIn, code);
        URI uri = URI.create(broker.url() + "/broker/" + URLEncoder.encode(signIn.alias(), StandardCharsets.UTF_8)
                + "/token");
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + brokerToken).header("Accept", "application/json").GET().build(),
                broker);
        int status = response.statusCode();
        if (status == 200) {
            return storedAccessToken(response.body()).orElseThrow(() -> new IdentityBrokerException(
                    "error.broker.noProviderToken", signIn.alias(), "no access_token in the stored token"));
        }
        String reason = reason(response.body());
        LOG.warning(() -> "The identity broker refused the " + signIn.alias() + " token: HTTP " + status + " "
                + reason);
        if (status == 403 || status == 401) {
            throw new IdentityBrokerException("error.broker.readTokenRefused", signIn.alias(), reason);
        }
        if (reason.contains("does not support")) {
            throw new IdentityBrokerException("error.broker.tokensNotStored", signIn.alias(), reason);
        }
        throw new IdentityBrokerException("error.broker.noProviderToken", signIn.alias(), "HTTP " + status + " "
                + reason);
    }

    /** The authorization code exchanged at the token endpoint, with the client's secret and the PKCE verifier. */
    private String exchange(Settings broker, BrokerSignIn signIn, String code) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", signIn.redirectUri());
        body.put("code_verifier", signIn.verifier());
        body.put("client_id", broker.clientId());
        body.put("client_secret", broker.clientSecret());
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(signIn.tokenEndpoint()))
                .timeout(CALL_TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form(body))).build(),
                broker);
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() == 200 && string(answer, "access_token") != null) {
            return string(answer, "access_token");
        }
        String error = answer == null ? "" : answer.getString("error", "");
        String reason = reason(response.body());
        LOG.warning(() -> "The identity broker refused the authorization code: HTTP " + response.statusCode() + " "
                + reason);
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            throw new IdentityBrokerException("error.broker.clientRefused", broker.clientId(), reason);
        }
        if ("invalid_grant".equals(error)) {
            throw new IdentityBrokerException("error.broker.codeRefused", reason);
        }
        throw new IdentityBrokerException("error.broker.unexpected", broker.url(), "HTTP " + response.statusCode()
                + " " + reason);
    }

    private JsonObject discover(Settings broker) {
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(broker.url() + DISCOVERY))
                .timeout(CALL_TIMEOUT).header("Accept", "application/json").GET().build(), broker);
        JsonObject document = response.statusCode() == 200 ? Jsons.objectOrNull(response.body()) : null;
        if (document == null) {
            throw new IdentityBrokerException("error.broker.notOpenIdConnect", broker.url() + DISCOVERY,
                    "HTTP " + response.statusCode());
        }
        return document;
    }

    private static String endpoint(JsonObject discovery, String name, Settings broker) {
        String value = string(discovery, name);
        if (value == null || !URI.create(value).isAbsolute()) {
            throw new IdentityBrokerException("error.broker.notOpenIdConnect", broker.url() + DISCOVERY,
                    "no " + name);
        }
        return value;
    }

    private HttpResponse<String> call(HttpRequest request, Settings broker) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IdentityBrokerException("error.broker.unreachable", broker.url(), describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityBrokerException("error.broker.unreachable", broker.url(), "interrupted");
        } catch (IllegalArgumentException e) {
            throw new IdentityBrokerException("error.broker.unreachable", broker.url(), e.getMessage());
        }
    }

    /**
     * The access token in what the broker stored from the provider: the provider's token response, as JSON (OpenID
     * Connect and most OAuth 2.0 providers) or form-encoded (some older ones).
     */
    static Optional<String> storedAccessToken(String stored) {
        JsonObject json = Jsons.objectOrNull(stored);
        if (json != null) {
            return Optional.ofNullable(string(json, "access_token")).filter(t -> !t.isBlank());
        }
        if (stored == null) {
            return Optional.empty();
        }
        for (String pair : stored.strip().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && "access_token".equals(pair.substring(0, equals))) {
                String token = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                return token.isBlank() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.empty();
    }

    private static String string(JsonObject object, String key) {
        return object != null && object.get(key) instanceof JsonString value ? value.getString() : null;
    }

    /** What the broker said, short: its {@code error_description}, {@code error} or the start of the body. */
    static String reason(String body) {
        JsonObject json = Jsons.objectOrNull(body);
        if (json != null) {
            for (String key : List.of("error_description", "errorMessage", "error")) {
                if (string(json, key) != null) {
                    return string(json, key);
                }
            }
        }
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String challenge(String verifier) {
        return Pkce.challenge(verifier);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String strip(String url) {
        String value = url.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
