package org.switchboard.core.exchange;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What Switchboard's Microsoft clients share on the wire: the HTTP client's settings, encoding, waits, and reading
 * the JSON that Entra ID and Graph answer with.
 */
final class MicrosoftHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private MicrosoftHttp() {
    }

    /** HTTP/1.1 (CONVENTIONS: the JDK client pinned to it), no redirects followed: a token never goes elsewhere. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The wait of a {@code Retry-After} header in seconds, the form Entra ID and Graph use; null without one. */
    static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /**
     * What went wrong on the way, in words: never the exception's own text or class name, which would reach users'
     * messages (issue 18); the FINE log keeps the class.
     */
    static String networkReason(IOException failure) {
        return failure instanceof HttpTimeoutException ? "no answer in time" : "the connection failed";
    }

    /** A value encoded for a query or a form; in a path segment too, with spaces as {@code %20}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** A configured base address without its trailing slash. */
    static String strip(String url) {
        String value = url.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** The member's text, or null when it is missing or not a string. */
    static String text(JsonObject object, String key) {
        return object.get(key) instanceof JsonString value ? value.getString() : null;
    }

    /** An ISO-8601 date-time with offset as UTC, as Graph writes them; null when missing or not one. */
    static OffsetDateTime time(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
