package org.switchboard.core.channel.whatsapp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code X-Twilio-Signature} of Twilio's webhooks (WA-02), so only Twilio can post inbound messages and
 * status callbacks: Base64 of HMAC-SHA1, keyed with the Auth Token, over the full public URL (with its query)
 * followed by each POST parameter's name and value in name order. Like Twilio's own validators it accepts the URL
 * with or without the scheme's default port, since Twilio signs either form.
 */
public final class TwilioSignatures {

    private static final String HMAC_SHA1 = "HmacSHA1";

    private TwilioSignatures() {
    }

    /**
     * Whether {@code signatureHeader} is Twilio's signature of this request.
     *
     * @param url        the public URL Twilio was given (as configured, not as seen behind a proxy), with its query
     * @param formParams the POST form parameters (empty or null for none)
     */
    public static boolean valid(String authToken, String url, Map<String, String> formParams, String signatureHeader) {
        if (authToken == null || authToken.isEmpty() || url == null || signatureHeader == null
                || signatureHeader.isBlank()) {
            return false;
        }
        byte[] given = signatureHeader.strip().getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (String candidate : urlForms(url)) {
            // Constant time, and every form is checked, so timing tells nothing about the expected value.
            valid |= MessageDigest.isEqual(sign(authToken, candidate, formParams).getBytes(StandardCharsets.US_ASCII),
                    given);
        }
        return valid;
    }

    /** Twilio's signature of a URL and its POST parameters. */
    static String sign(String authToken, String url, Map<String, String> formParams) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(formParams == null ? Map.<String, String>of() : formParams)
                .forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    /** The URL as given, plus the same URL with the default port added or removed. */
    private static List<String> urlForms(String url) {
        List<String> forms = new ArrayList<>(List.of(url));
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            String authority = uri.getRawAuthority();
            String prefix = uri.getScheme() + "://" + authority;
            if (defaultPort < 0 || authority == null || !url.startsWith(prefix)) {
                return forms;
            }
            String rest = url.substring(prefix.length());
            if (uri.getPort() == -1) {
                forms.add(prefix + ":" + defaultPort + rest);
            } else if (uri.getPort() == defaultPort) {
                forms.add(uri.getScheme() + "://" + authority.substring(0, authority.lastIndexOf(':')) + rest);
            }
        } catch (IllegalArgumentException e) {
            // Not a URI: only the literal form can match.
        }
        return forms;
    }
}
