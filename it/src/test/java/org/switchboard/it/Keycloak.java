package org.switchboard.it;

/**
 * The tests' Keycloak, the organisation's OAuth2/OIDC identity broker: one for the whole Maven run, started before the
 * tests and stopped after them by the it module ({@code src/test/keycloak/start-keycloak.sh}), on 127.0.0.1 at
 * {@code switchboard.test.keycloak.port}. Realm {@value #REALM} is the broker Switchboard signs in at, client
 * {@value #CLIENT_ID} (confidential, PKCE S256), with identity provider {@value #FACEBOOK} whose tokens it stores; realm
 * {@value #FACEBOOK} stands in for Facebook's login, with user {@value #FACEBOOK_USER}. Each run starts with the
 * realms as the files say: the first sign-in through {@value #FACEBOOK} creates the user in realm {@value #REALM}
 * without asking anything, with the role {@code broker}/{@code read-token} that {@link #facebookTokenUrl()} requires.
 */
final class Keycloak {

    /** The broker's realm, where Switchboard's client is. */
    static final String REALM = "switchboard";
    static final String CLIENT_ID = "switchboard";
    /** The alias of the identity provider in realm {@value #REALM}, and the realm standing in for Facebook. */
    static final String FACEBOOK = "facebook";
    /** The fake Facebook's user (Fiona Bell, fb-admin@facebook.test, e-mail verified). */
    static final String FACEBOOK_USER = "fb-admin";
    /** Keycloak's administrator, in realm {@code master}. */
    static final String ADMIN_USER = "admin";

    private Keycloak() {
    }

    /** For example {@code http://127.0.0.1:18180}. */
    static String baseUrl() {
        return "http://127.0.0.1:" + Integer.parseInt(TestSettings.required("switchboard.test.keycloak.port"));
    }

    /** The broker's realm: {@code baseUrl()/realms/switchboard}, also its tokens' issuer. */
    static String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    /**
     * Where an access token of realm {@value #REALM} reads the user's stored Facebook token (GET, bearer): 200 with the
     * token response Keycloak got from the provider; 403 when the token lacks {@code broker}/{@code read-token}.
     */
    static String facebookTokenUrl() {
        return realmUrl() + "/broker/" + FACEBOOK + "/token";
    }

    /** The secret of client {@value #CLIENT_ID}, kept for the log check (UsedSecrets): a server is given it. */
    static String clientSecret() {
        return UsedSecrets.remember(TestSettings.required("switchboard.test.keycloak.client-secret"));
    }

    /** The password of the fake Facebook's user {@value #FACEBOOK_USER}. */
    static String facebookPassword() {
        return UsedSecrets.remember(TestSettings.required("switchboard.test.keycloak.user-password"));
    }

    /** The password of Keycloak's administrator {@value #ADMIN_USER}. */
    static String adminPassword() {
        return TestSettings.required("switchboard.test.keycloak.admin.password");
    }
}
