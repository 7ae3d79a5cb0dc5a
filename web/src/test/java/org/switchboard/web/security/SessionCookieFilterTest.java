package org.switchboard.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** X-02, issue 18: what the session cookie is completed with, and when it is {@code Secure}. */
class SessionCookieFilterTest {

    private static final Supplier<Optional<String>> NO_SITE = Optional::empty;
    private static final Supplier<Optional<String>> SITE = () -> Optional.of("https://crm.example.com/switchboard");

    private static Supplier<Optional<String>> site(String url) {
        return () -> Optional.of(url);
    }

    @Test
    @DisplayName("X-02 issue 18: an https request gets a Secure session cookie, with or without SiteUrl")
    void httpsRequest() {
        assertTrue(SessionCookieFilter.browserOnHttps(true, "localhost:8181", NO_SITE));
        assertTrue(SessionCookieFilter.browserOnHttps(true, "localhost:8443", SITE));
    }

    @Test
    @DisplayName("X-02 issue 18: a plain http request gets no Secure cookie (the local run), whatever SiteUrl names")
    void plainHttp() {
        assertFalse(SessionCookieFilter.browserOnHttps(false, "localhost:8080", NO_SITE));
        assertFalse(SessionCookieFilter.browserOnHttps(false, "localhost:8080", SITE));
        assertFalse(SessionCookieFilter.browserOnHttps(false, null, SITE));
        assertFalse(SessionCookieFilter.browserOnHttps(false, "localhost:8080", site("https://localhost:8181/sb")),
                "the same host on another port is another address");
        assertFalse(SessionCookieFilter.browserOnHttps(false, "crm.example.com", site("http://crm.example.com/sb")),
                "an http SiteUrl is no https");
        assertFalse(SessionCookieFilter.browserOnHttps(false, "crm.example.com", site("not a URL")));
    }

    @Test
    @DisplayName("X-02 issue 18: a request addressed to an https SiteUrl's host and port came through a proxy that "
            + "ended TLS: Secure")
    void behindProxy() {
        assertTrue(SessionCookieFilter.browserOnHttps(false, "crm.example.com", SITE));
        assertTrue(SessionCookieFilter.browserOnHttps(false, "CRM.example.com:443", SITE));
        assertTrue(SessionCookieFilter.browserOnHttps(false, "crm.example.com:8443",
                site("https://crm.example.com:8443/")));
        assertFalse(SessionCookieFilter.browserOnHttps(false, "crm.example.com:80", SITE));
    }

    @Test
    @DisplayName("X-02 issue 18: a container's session cookie header is completed with SameSite=Lax and, on https, "
            + "Secure, each once")
    void headerCompleted() {
        String payara = "JSESSIONID=c1b0; Path=/switchboard; HttpOnly";

        assertEquals(payara + "; SameSite=Lax", SessionCookieFilter.completed(payara, false));
        assertEquals(payara + "; SameSite=Lax; Secure", SessionCookieFilter.completed(payara, true));
        assertEquals("JSESSIONID=c1b0; Path=/switchboard; secure; HttpOnly; SameSite=Lax",
                SessionCookieFilter.completed("JSESSIONID=c1b0; Path=/switchboard; secure; HttpOnly", true));
        assertEquals("JSESSIONID=c1b0; samesite=Strict; Secure",
                SessionCookieFilter.completed("JSESSIONID=c1b0; samesite=Strict; Secure", true));
    }
}
