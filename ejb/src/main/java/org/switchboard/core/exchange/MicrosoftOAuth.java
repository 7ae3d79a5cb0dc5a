package org.switchboard.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.Pkce;

/**
 * Sign-in with Microsoft and the token lifecycle (MO-01, MO-02) against the Microsoft identity platform (Entra ID
 * v2.0): the authorization code grant with PKCE (S256), a random {@code state} and the mailbox's address as
 * {@code login_hint}, the code redeemed and the refresh token used as a confidential client ({@code client_secret}
 * in the form). The authority, {@code {authority}/{tenant}/oauth2/v2.0/authorize|token}, comes from
 * {@value #LOGIN_URL_KEY} so that tests use a fake. Errors become {@link EntraException}s whose outcome says whether
 * the owner must sign in again. Tokens, codes, verifiers and secrets are never logged.
 */
@ApplicationScoped
public class MicrosoftOAuth {

    public static final String LOGIN_URL_KEY = "switchboard.microsoft.login-url";
    public static final String DEFAULT_LOGIN_URL = "https://login.microsoftonline.com";
    /**
     * MO-01, EC-01: the delegated Graph permissions a Microsoft 365 mailbox needs, personal and shared: its mail and
     * its contacts (the contact sync).
     */
    public static final List<String> GRAPH_MAIL_SCOPES = List.of("offline_access", "User.Read", "Mail.ReadWrite",
            "Mail.Send", "Mail.ReadWrite.Shared", "Mail.Send.Shared", "Contacts.ReadWrite",
            "Contacts.ReadWrite.Shared");
    /** MO-01: the delegated EWS permission of hybrid Exchange, on the Exchange Server's own address. */
    public static final String EWS_PERMISSION = "EWS.AccessAsUser.All";
    /**
     * Errors that mean the grant itself is gone or needs the user: {@code invalid_grant} (revoked consent, an expired
     * or rotated-away refresh token, AADSTS50173, 70000, 700082 …) and the interaction errors (MFA, new consent).
     */
    private static final List<String> SIGN_IN_AGAIN = List.of("invalid_grant", "interaction_required",
            "consent_required", "login_required");
    private static final Logger LOG = Logger.getLogger(MicrosoftOAuth.class.getName());

    @Inject
    @ConfigProperty(name = LOGIN_URL_KEY)
    private Optional<String> configuredAuthority;

    @Inject
    private Clock clock;

    private volatile String authority;
    private final HttpClient http = MicrosoftHttp.newClient();

    public MicrosoftOAuth() {
    }

    MicrosoftOAuth(String authority, Clock clock) {
        this.authority = MicrosoftHttp.strip(authority);
        this.clock = clock;
    }

    /**
     * MO-01: the scopes of an Exchange Server reached over EWS with hybrid modern authentication: {@value
     * #EWS_PERMISSION} on the server's own address ({@code https://mail.contoso.com/EWS.AccessAsUser.All}), which
     * hybrid modern authentication registers in Entra ID as a name of Exchange Online's application, so that the
     * token's audience is the on-premises server that checks it; {@code offline_access} for the refresh token. Not
     * {@code User.Read}: a token is for one resource, and Graph is another.
     */
    public static List<String> ewsScopes(URI ewsUrl) {
        String origin = ewsUrl.getScheme().toLowerCase(Locale.ROOT) + "://"
                + ewsUrl.getHost().toLowerCase(Locale.ROOT) + (ewsUrl.getPort() < 0 ? "" : ":" + ewsUrl.getPort());
        return List.of("offline_access", origin + "/" + EWS_PERMISSION);
    }

    /**
     * Starts a sign-in: the address to send the browser to, with a new {@code state} and PKCE verifier to keep in the
     * session until the callback. {@code prompt=select_account} lets the user pick the hinted account even when the
     * browser is signed in to another.
     *
     * @param tenant the directory: its id, a verified domain or {@code organizations}
     * @param redirectUri the callback registered in Entra ID ({@code /oauth/microsoft/callback} under {@code SiteUrl})
     * @param loginHint the mailbox's address, or null
     */
    public MicrosoftSignIn begin(String tenant, String clientId, String redirectUri, String loginHint,
            List<String> scopes) {
        String state = Pkce.random(32);
        String verifier = Pkce.random(48);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri);
        query.put("response_mode", "query");
        query.put("scope", String.join(" ", scopes));
        query.put("state", state);
        query.put("code_challenge", Pkce.challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("prompt", "select_account");
        if (loginHint != null && !loginHint.isBlank()) {
            query.put("login_hint", loginHint.strip());
        }
        return new MicrosoftSignIn(endpoint(tenant, "authorize") + "?" + MicrosoftHttp.form(query), state, verifier,
                redirectUri, scopes);
    }

    /**
     * Completes a sign-in with what the callback brought: checks its {@code state} against the one kept, then
     * redeems the code with the PKCE verifier.
     *
     * @throws EntraException {@code REFUSED} when the state is not the one sent (a forged or stale callback)
     */
    public MicrosoftTokens redeem(EntraApp app, MicrosoftSignIn signIn, String returnedState, String code) {
        if (returnedState == null || !MessageDigest.isEqual(signIn.state().getBytes(StandardCharsets.UTF_8),
                returnedState.getBytes(StandardCharsets.UTF_8))) {
            throw new EntraException(EntraException.Outcome.REFUSED, "invalid_state",
                    "The sign-in's state is not the one Switchboard sent: start the sign-in again", null);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", signIn.redirectUri());
        form.put("code_verifier", signIn.verifier());
        form.put("scope", String.join(" ", signIn.scopes()));
        return token(app, form, null);
    }

    /**
     * MO-02: new tokens for a refresh token. Entra ID may rotate the refresh token: the answer's new one is returned
     * and must replace the old in the same transaction that uses it; when the answer carries none, the old one is
     * kept.
     *
     * @throws EntraException {@code SIGN_IN_AGAIN} when the grant is gone ({@code invalid_grant} …)
     */
    public MicrosoftTokens refresh(EntraApp app, String refreshToken, List<String> scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("scope", String.join(" ", scopes));
        return token(app, form, refreshToken);
    }

    private MicrosoftTokens token(EntraApp app, Map<String, String> grant, String previousRefreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", app.clientId());
        form.putAll(grant);
        if (app.clientSecret() != null && !app.clientSecret().isEmpty()) {
            form.put("client_secret", app.clientSecret());
        }
        OffsetDateTime asked = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        HttpResponse<String> response = post(URI.create(endpoint(app.tenant(), "token")), MicrosoftHttp.form(form));
        JsonObject answer = Jsons.objectOrNull(response.body());
        int status = response.statusCode();
        if (status == 200 && answer != null && text(answer, "access_token") != null) {
            String refreshToken = Optional.ofNullable(text(answer, "refresh_token")).filter(t -> !t.isBlank())
                    .orElse(previousRefreshToken);
            return new MicrosoftTokens(text(answer, "access_token"), refreshToken,
                    asked.plusSeconds(seconds(answer.get("expires_in"))), text(answer, "scope"));
        }
        String error = answer == null || text(answer, "error") == null ? "" : text(answer, "error");
        String description = answer == null ? null : text(answer, "error_description");
        String reason = "Microsoft Entra ID: " + (error.isEmpty() ? "HTTP " + status : error)
                + (description == null ? "" : ": " + description.lines().findFirst().orElse("").strip());
        LOG.warning(() -> "Entra ID refused a " + grant.get("grant_type") + " grant for client " + app.clientId()
                + ": HTTP " + status + " " + error);
        EntraException.Outcome outcome = status == 429 || status >= 500 || "temporarily_unavailable".equals(error)
                ? EntraException.Outcome.TRANSIENT
                : SIGN_IN_AGAIN.contains(error) ? EntraException.Outcome.SIGN_IN_AGAIN
                : EntraException.Outcome.REFUSED;
        throw new EntraException(outcome, error, reason, MicrosoftHttp.retryAfter(response.headers()));
    }

    private HttpResponse<String> post(URI uri, String form) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(MicrosoftHttp.CALL_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.fine(() -> "Entra ID not reachable: " + e.getClass().getName());
            throw new EntraException(EntraException.Outcome.TRANSIENT, "",
                    "Microsoft Entra ID is not reachable: " + MicrosoftHttp.networkReason(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EntraException(EntraException.Outcome.TRANSIENT, "", "Interrupted while calling Entra ID", null);
        }
    }

    /** {@code expires_in}: a number, or a numeric string as older Entra endpoints sent; an hour when missing. */
    private static long seconds(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        if (value instanceof JsonString string) {
            try {
                return Long.parseLong(string.getString().strip());
            } catch (NumberFormatException e) {
                return 3600;
            }
        }
        return 3600;
    }

    private String endpoint(String tenant, String name) {
        return authority() + "/" + MicrosoftHttp.encode(tenant.strip()) + "/oauth2/v2.0/" + name;
    }

    private String authority() {
        if (authority == null) {
            authority = MicrosoftHttp.strip(configuredAuthority.filter(v -> !v.isBlank()).orElse(DEFAULT_LOGIN_URL));
        }
        return authority;
    }

    private static String text(JsonObject object, String key) {
        return object.get(key) instanceof JsonString value ? value.getString() : null;
    }
}
