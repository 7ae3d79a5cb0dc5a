package org.switchboard.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.Pkce;

/**
 * MO-01, MO-02: {@link MicrosoftOAuth} against the stateful Entra ID of {@link GraphFake}: the authorize request,
 * the code redeemed with PKCE, refresh with rotation, revoked consent, and the outcomes of Entra's errors.
 */
class MicrosoftOAuthTest {

    static final String ANNA = "anna@contoso.com";
    static final Instant NOW = Instant.parse("2026-05-04T09:00:00Z");
    static final EntraApp APP = new EntraApp(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.CLIENT_SECRET);

    private GraphFake fake;
    private MicrosoftOAuth oauth;

    @BeforeEach
    void start() throws Exception {
        fake = new GraphFake();
        fake.mailbox(ANNA);
        oauth = new MicrosoftOAuth(fake.loginUrl() + "/", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The address's own mailbox, its token from a sign-in through the fake's Entra ID. */
    static GraphMailbox signedIn(GraphFake fake, String address) throws Exception {
        MicrosoftOAuth oauth = new MicrosoftOAuth(fake.loginUrl(), Clock.fixed(NOW, ZoneOffset.UTC));
        return new GraphMailbox(address, false, signIn(oauth, fake, address).accessToken());
    }

    /** The whole browser round: begin, the fake's sign-in as the hinted user, the code redeemed. */
    static MicrosoftTokens signIn(MicrosoftOAuth oauth, GraphFake fake, String address) throws Exception {
        MicrosoftSignIn signIn = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI, address,
                MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        Map<String, String> callback = fake.authorize(signIn.authorizationUrl());
        return oauth.redeem(APP, signIn, callback.get("state"), callback.get("code"));
    }

    @Test
    @DisplayName("MO-01: the authorize URL asks for a code (query mode) with PKCE S256, a random state, the mailbox as "
            + "login_hint and the account picker")
    void authorizeUrl() {
        MicrosoftSignIn signIn = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI, ANNA,
                MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        URI url = URI.create(signIn.authorizationUrl());
        Map<String, String> query = GraphFake.query(url.getRawQuery());

        assertEquals(fake.loginUrl() + "/" + GraphFake.TENANT + "/oauth2/v2.0/authorize",
                url.getScheme() + "://" + url.getAuthority() + url.getPath());
        assertEquals(GraphFake.CLIENT_ID, query.get("client_id"));
        assertEquals("code", query.get("response_type"));
        assertEquals("query", query.get("response_mode"));
        assertEquals(GraphFake.REDIRECT_URI, query.get("redirect_uri"));
        assertEquals("offline_access User.Read Mail.ReadWrite Mail.Send Mail.ReadWrite.Shared Mail.Send.Shared "
                + "Contacts.ReadWrite Contacts.ReadWrite.Shared", query.get("scope"));
        assertEquals(signIn.state(), query.get("state"));
        assertEquals(Pkce.challenge(signIn.verifier()), query.get("code_challenge"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(ANNA, query.get("login_hint"));
        assertEquals("select_account", query.get("prompt"));
        assertFalse(query.containsValue(signIn.verifier()), "the verifier stays with Switchboard");
        assertTrue(signIn.state().length() >= 40 && signIn.verifier().length() >= 43);

        MicrosoftSignIn other = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI, ANNA,
                MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        assertNotEquals(signIn.state(), other.state());
        assertNotEquals(signIn.verifier(), other.verifier());
        assertFalse(signIn.toString().contains(signIn.verifier()) || signIn.toString().contains(signIn.state()));
    }

    @Test
    @DisplayName("MO-01: the code is redeemed as a confidential client with the PKCE verifier; the tokens open Graph")
    void codeRedeemed() throws Exception {
        MicrosoftTokens tokens = signIn(oauth, fake, ANNA);

        Map<String, String> form = fake.lastTokenForm();
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals(GraphFake.CLIENT_SECRET, form.get("client_secret"));
        assertEquals(GraphFake.REDIRECT_URI, form.get("redirect_uri"));
        assertTrue(form.containsKey("code_verifier"));
        assertEquals(OffsetDateTime.parse("2026-05-04T09:59:59Z"), tokens.expiresAt());
        assertTrue(tokens.scope().contains("Mail.ReadWrite"), tokens.scope());
        assertFalse(tokens.toString().contains(tokens.accessToken()) || tokens.toString().contains(
                tokens.refreshToken()));
        List<GraphMailClient.MailFolder> folders = new HttpGraphMailClient(fake.graphUrl(), 1024)
                .folders(new GraphMailbox(ANNA, false, tokens.accessToken()));
        assertEquals(2, folders.size());
    }

    @Test
    @DisplayName("MO-02: the authorize endpoint accepts exactly the redirect URI the app is registered with, and the "
            + "code is redeemed with it")
    void registeredRedirectUri() throws Exception {
        String callback = "http://localhost:8080/switchboard/oauth/microsoft/callback";
        fake.redirectUri(callback);
        MicrosoftSignIn unregistered = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI,
                ANNA, MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        assertTrue(fake.authorize(unregistered.authorizationUrl()).get("error").startsWith("HTTP 400 AADSTS"));

        MicrosoftSignIn signIn = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, callback, ANNA,
                MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        Map<String, String> answer = fake.authorize(signIn.authorizationUrl());
        assertEquals(callback, answer.get("redirect"));
        oauth.redeem(APP, signIn, answer.get("state"), answer.get("code"));
        assertEquals(callback, fake.lastTokenForm().get("redirect_uri"));
    }

    @Test
    @DisplayName("MO-01: hybrid Exchange asks for EWS.AccessAsUser.All on the Exchange Server's own address (the token's "
            + "audience), with offline_access and nothing of Graph's")
    void ewsScopesNameTheServer() {
        assertEquals(List.of("offline_access", "https://mail.contoso.com/EWS.AccessAsUser.All"),
                MicrosoftOAuth.ewsScopes(URI.create("https://Mail.Contoso.com/EWS/Exchange.asmx")));
        assertEquals(List.of("offline_access", "https://mail.contoso.com:8443/EWS.AccessAsUser.All"),
                MicrosoftOAuth.ewsScopes(URI.create("https://mail.contoso.com:8443/ews/exchange.asmx")));
    }

    @Test
    @DisplayName("MO-01: a callback whose state is not the one sent is refused before any code is redeemed")
    void forgedState() throws Exception {
        MicrosoftSignIn signIn = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI, ANNA,
                MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        Map<String, String> callback = fake.authorize(signIn.authorizationUrl());
        EntraException e = assertThrows(EntraException.class,
                () -> oauth.redeem(APP, signIn, "forged", callback.get("code")));
        assertEquals(EntraException.Outcome.REFUSED, e.outcome());
        assertEquals(Map.of(), fake.lastTokenForm());
    }

    @Test
    @DisplayName("MO-01: a verifier that does not match the challenge is invalid_grant: sign in again, with Entra's "
            + "AADSTS reason and no trace lines")
    void wrongVerifier() throws Exception {
        MicrosoftSignIn signIn = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI, ANNA,
                MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        Map<String, String> callback = fake.authorize(signIn.authorizationUrl());
        MicrosoftSignIn tampered = new MicrosoftSignIn(signIn.authorizationUrl(), signIn.state(),
                "another-verifier-of-enough-length-0123456789abcdef", signIn.redirectUri(), signIn.scopes());
        EntraException e = assertThrows(EntraException.class,
                () -> oauth.redeem(APP, tampered, callback.get("state"), callback.get("code")));
        assertEquals(EntraException.Outcome.SIGN_IN_AGAIN, e.outcome());
        assertEquals("invalid_grant", e.error());
        assertTrue(e.getMessage().startsWith("Microsoft Entra ID: invalid_grant: AADSTS501481: "), e.getMessage());
        assertFalse(e.getMessage().contains("Trace ID"), e.getMessage());
    }

    @Test
    @DisplayName("MO-02: a refresh returns Entra's rotated refresh token; the old one is then refused (sign in again)")
    void refreshRotates() throws Exception {
        MicrosoftTokens first = signIn(oauth, fake, ANNA);

        MicrosoftTokens second = oauth.refresh(APP, first.refreshToken(), MicrosoftOAuth.GRAPH_MAIL_SCOPES);

        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertNotEquals(first.accessToken(), second.accessToken());
        assertEquals("refresh_token", fake.lastTokenForm().get("grant_type"));
        assertEquals(GraphFake.CLIENT_SECRET, fake.lastTokenForm().get("client_secret"));
        EntraException old = assertThrows(EntraException.class,
                () -> oauth.refresh(APP, first.refreshToken(), MicrosoftOAuth.GRAPH_MAIL_SCOPES));
        assertEquals(EntraException.Outcome.SIGN_IN_AGAIN, old.outcome());
        MicrosoftTokens third = oauth.refresh(APP, second.refreshToken(), MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        assertNotEquals(second.refreshToken(), third.refreshToken());
    }

    @Test
    @DisplayName("MO-02: when Entra's answer carries no refresh token, the one used is kept")
    void refreshWithoutRotation() throws Exception {
        MicrosoftTokens first = signIn(oauth, fake, ANNA);
        fake.rotateRefreshTokens(false);

        MicrosoftTokens second = oauth.refresh(APP, first.refreshToken(), MicrosoftOAuth.GRAPH_MAIL_SCOPES);

        assertEquals(first.refreshToken(), second.refreshToken());
        assertNotEquals(first.accessToken(), second.accessToken());
    }

    @Test
    @DisplayName("MO-02: revoked consent makes the next refresh invalid_grant (AADSTS70000): the mailbox must sign in "
            + "again")
    void revokedConsent() throws Exception {
        MicrosoftTokens tokens = signIn(oauth, fake, ANNA);
        fake.revokeConsent(ANNA);

        EntraException e = assertThrows(EntraException.class,
                () -> oauth.refresh(APP, tokens.refreshToken(), MicrosoftOAuth.GRAPH_MAIL_SCOPES));

        assertEquals(EntraException.Outcome.SIGN_IN_AGAIN, e.outcome());
        assertEquals("invalid_grant", e.error());
        assertTrue(e.getMessage().contains("AADSTS70000"), e.getMessage());
        assertFalse(e.getMessage().contains(tokens.refreshToken()));
    }

    @Test
    @DisplayName("MO-01: a wrong client secret is refused (an administrator fixes it) without the secret in the "
            + "reason; an unreachable Entra ID is transient")
    void refusedAndTransient() throws Exception {
        MicrosoftTokens tokens = signIn(oauth, fake, ANNA);
        EntraApp wrong = new EntraApp(GraphFake.TENANT, GraphFake.CLIENT_ID, "not-the-secret");

        EntraException refused = assertThrows(EntraException.class,
                () -> oauth.refresh(wrong, tokens.refreshToken(), MicrosoftOAuth.GRAPH_MAIL_SCOPES));
        assertEquals(EntraException.Outcome.REFUSED, refused.outcome());
        assertEquals("invalid_client", refused.error());
        assertTrue(refused.getMessage().contains("AADSTS7000215"), refused.getMessage());
        assertFalse(refused.getMessage().contains("not-the-secret"));
        assertFalse(wrong.toString().contains("not-the-secret"));

        fake.close();
        EntraException down = assertThrows(EntraException.class,
                () -> oauth.refresh(APP, tokens.refreshToken(), MicrosoftOAuth.GRAPH_MAIL_SCOPES));
        assertEquals(EntraException.Outcome.TRANSIENT, down.outcome());
    }

    @Test
    @DisplayName("MO-02: tokens need a refresh from five minutes before they expire")
    void refreshMargin() {
        MicrosoftTokens tokens = new MicrosoftTokens("a", "r", OffsetDateTime.parse("2026-05-04T10:00:00Z"), "");
        assertFalse(tokens.needsRefresh(OffsetDateTime.parse("2026-05-04T09:54:59Z")));
        assertTrue(tokens.needsRefresh(OffsetDateTime.parse("2026-05-04T09:55:00Z")));
        assertTrue(tokens.needsRefresh(OffsetDateTime.parse("2026-05-04T11:00:00Z")));
    }
}
