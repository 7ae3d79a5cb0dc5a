package org.switchboard.core.broker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * FB-01: {@link IdentityBroker} against a WireMock broker shaped like Keycloak (its discovery document, token endpoint
 * and {@code /broker/{alias}/token}, with Keycloak's own error bodies): the sign-in request carries the client, the
 * state, the PKCE challenge and the provider hint; the code is exchanged with the verifier and the secret; each way
 * the broker can fail gives a message that names the cause and the setting that fixes it.
 */
class IdentityBrokerTest {

    private static WireMockServer broker;
    private static String realm;
    private static IdentityBroker.Settings settings;

    @BeforeAll
    static void start() {
        broker = new WireMockServer(options().dynamicPort());
        broker.start();
        realm = "http://localhost:" + broker.port() + "/realms/acme";
        settings = new IdentityBroker.Settings(realm + "/", "switchboard", "s3cret-client");
    }

    @AfterAll
    static void stop() {
        broker.stop();
    }

    @BeforeEach
    void discovery() {
        broker.resetAll();
        broker.stubFor(get(urlEqualTo("/realms/acme/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer":"%1$s","authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                 "token_endpoint":"%1$s/protocol/openid-connect/token",
                 "userinfo_endpoint":"%1$s/protocol/openid-connect/userinfo",
                 "code_challenge_methods_supported":["plain","S256"]}""".formatted(realm))));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    @DisplayName("FB-01: the sign-in goes to the broker's authorization endpoint with client, state, S256 PKCE and "
            + "kc_idp_hint")
    void beginBuildsTheRequest() {
        BrokerSignIn signIn = new IdentityBroker().begin(settings, "facebook",
                "https://crm.example.com/switchboard/oauth/broker/callback");
        assertTrue(signIn.authorizationUrl().startsWith(realm + "/protocol/openid-connect/auth?"));
        Map<String, String> query = query(signIn.authorizationUrl());
        assertEquals("code", query.get("response_type"));
        assertEquals("switchboard", query.get("client_id"));
        assertEquals("https://crm.example.com/switchboard/oauth/broker/callback", query.get("redirect_uri"));
        assertEquals(signIn.state(), query.get("state"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(IdentityBroker.challenge(signIn.verifier()), query.get("code_challenge"));
        assertEquals("facebook", query.get("kc_idp_hint"));
        assertFalse(signIn.authorizationUrl().contains(signIn.verifier()), "the verifier stays on the server");
        assertFalse(signIn.authorizationUrl().contains("s3cret-client"), "the secret stays on the server");
        assertTrue(signIn.state().length() >= 40 && signIn.verifier().length() >= 43);
        BrokerSignIn other = new IdentityBroker().begin(settings, "facebook", "https://x/cb");
        assertFalse(other.state().equals(signIn.state()) || other.verifier().equals(signIn.verifier()));
    }

    @Test
    @DisplayName("FB-01: RFC 7636's example verifier gives its example S256 challenge")
    void challengeIsRfc7636() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                IdentityBroker.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    @DisplayName("FB-01: the code is exchanged with the verifier and the client's secret, then the provider's stored "
            + "token is read with the broker's access token")
    void providerTokenReadAfterExchange() {
        BrokerSignIn signIn = new IdentityBroker().begin(settings, "facebook", "https://x/cb");
        broker.stubFor(post(urlEqualTo("/realms/acme/protocol/openid-connect/token")).willReturn(okJson("""
                {"access_token":"broker-at","expires_in":300,"refresh_token":"rt","token_type":"Bearer",
                 "id_token":"x.y.z","scope":"openid profile email"}""")));
        broker.stubFor(get(urlEqualTo("/realms/acme/broker/facebook/token"))
                .withHeader("Authorization", equalTo("Bearer broker-at")).willReturn(okJson("""
                        {"access_token":"EAAGfb-user-token","token_type":"bearer","expires_in":5183944,
                         "accessTokenExpiration":1790000000}""")));

        assertEquals("EAAGfb-user-token", new IdentityBroker().providerToken(settings, signIn, "the-code"));
        broker.verify(postRequestedFor(urlPathEqualTo("/realms/acme/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=the-code"))
                .withRequestBody(containing("code_verifier=" + signIn.verifier()))
                .withRequestBody(containing("client_secret=s3cret-client"))
                .withRequestBody(containing("redirect_uri=https%3A%2F%2Fx%2Fcb")));
    }

    @Test
    @DisplayName("FB-01: a form-encoded stored token (older OAuth 2.0 providers) is read too")
    void formEncodedStoredToken() {
        assertEquals("EAA b", IdentityBroker.storedAccessToken("access_token=EAA+b&expires=5183944").orElseThrow());
        assertTrue(IdentityBroker.storedAccessToken("{\"token_type\":\"bearer\"}").isEmpty());
        assertTrue(IdentityBroker.storedAccessToken("").isEmpty());
    }

    @Test
    @DisplayName("FB-01: a broker nobody answers at is named, with the address")
    void unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        IdentityBroker.Settings nowhere = new IdentityBroker.Settings("http://localhost:" + port + "/realms/acme",
                "switchboard", "s");
        IdentityBrokerException e = assertThrows(IdentityBrokerException.class,
                () -> new IdentityBroker().begin(nowhere, "facebook", "https://x/cb"));
        assertEquals("error.broker.unreachable", e.getMessageKey());
        assertEquals("http://localhost:" + port + "/realms/acme", e.getArguments().get(0));
    }

    @Test
    @DisplayName("FB-01: an address that is not an OpenID Connect server (no discovery document) is said so")
    void notOpenIdConnect() {
        IdentityBroker.Settings wrong = new IdentityBroker.Settings("http://localhost:" + broker.port() + "/auth",
                "switchboard", "s");
        IdentityBrokerException e = assertThrows(IdentityBrokerException.class,
                () -> new IdentityBroker().begin(wrong, "facebook", "https://x/cb"));
        assertEquals("error.broker.notOpenIdConnect", e.getMessageKey());
        assertTrue(e.getArguments().get(0).toString().endsWith("/auth/.well-known/openid-configuration"));
    }

    @Test
    @DisplayName("FB-01: a client the broker refuses (Keycloak's invalid_client) names the client id setting")
    void clientRefused() {
        BrokerSignIn signIn = new IdentityBroker().begin(settings, "facebook", "https://x/cb");
        broker.stubFor(post(urlEqualTo("/realms/acme/protocol/openid-connect/token")).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":"unauthorized_client","error_description":"Invalid client or Invalid client \
                        credentials"}""")));
        IdentityBrokerException e = assertThrows(IdentityBrokerException.class,
                () -> new IdentityBroker().providerToken(settings, signIn, "code"));
        assertEquals("error.broker.clientRefused", e.getMessageKey());
        assertEquals("switchboard", e.getArguments().get(0));
        assertEquals("Invalid client or Invalid client credentials", e.getArguments().get(1));
    }

    @Test
    @DisplayName("FB-01: a code the broker no longer takes (used, expired) asks to start again")
    void codeRefused() {
        BrokerSignIn signIn = new IdentityBroker().begin(settings, "facebook", "https://x/cb");
        broker.stubFor(post(urlEqualTo("/realms/acme/protocol/openid-connect/token")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}")));
        IdentityBrokerException e = assertThrows(IdentityBrokerException.class,
                () -> new IdentityBroker().providerToken(settings, signIn, "code"));
        assertEquals("error.broker.codeRefused", e.getMessageKey());
    }

    @Test
    @DisplayName("FB-01: without the broker.read-token role Keycloak answers 403, and the message names the role")
    void readTokenRoleMissing() {
        BrokerSignIn signIn = exchanged();
        broker.stubFor(get(urlEqualTo("/realms/acme/broker/facebook/token")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"errorMessage":"Client [switchboard] not authorized to retrieve tokens from identity \
                        provider [facebook]."}""")));
        IdentityBrokerException e = assertThrows(IdentityBrokerException.class,
                () -> new IdentityBroker().providerToken(settings, signIn, "code"));
        assertEquals("error.broker.readTokenRefused", e.getMessageKey());
        assertEquals("facebook", e.getArguments().get(0));
    }

    @Test
    @DisplayName("FB-01: with 'Store tokens' off Keycloak answers 400, and the message names that setting")
    void tokensNotStored() {
        BrokerSignIn signIn = exchanged();
        broker.stubFor(get(urlEqualTo("/realms/acme/broker/facebook/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessage\":\"Identity Provider [facebook] does not support this operation.\"}")));
        IdentityBrokerException e = assertThrows(IdentityBrokerException.class,
                () -> new IdentityBroker().providerToken(settings, signIn, "code"));
        assertEquals("error.broker.tokensNotStored", e.getMessageKey());
    }

    @Test
    @DisplayName("FB-01: a user not linked to the provider (no stored token) is said so, with the broker's reason")
    void noProviderToken() {
        BrokerSignIn signIn = exchanged();
        broker.stubFor(get(urlEqualTo("/realms/acme/broker/facebook/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"errorMessage":"User [42] is not associated with identity provider [facebook]."}""")));
        IdentityBrokerException e = assertThrows(IdentityBrokerException.class,
                () -> new IdentityBroker().providerToken(settings, signIn, "code"));
        assertEquals("error.broker.noProviderToken", e.getMessageKey());
        assertTrue(e.getArguments().get(1).toString().contains("not associated"));
    }

    private BrokerSignIn exchanged() {
        broker.stubFor(post(urlEqualTo("/realms/acme/protocol/openid-connect/token"))
                .willReturn(okJson("{\"access_token\":\"broker-at\",\"token_type\":\"Bearer\"}")));
        return new IdentityBroker().begin(settings, "facebook", "https://x/cb");
    }
}
