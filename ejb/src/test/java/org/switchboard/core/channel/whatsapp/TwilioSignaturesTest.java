package org.switchboard.core.channel.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** WA-02: webhook signatures, against the vector published in Twilio's own Java SDK tests. */
class TwilioSignaturesTest {

    // twilio/twilio-java src/test/java/com/twilio/security/RequestValidatorTest.java
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    private static final String SIGNATURE_WITH_443 = "kvajT1Ptam85bY51eRf/AJRuM3w=";
    private static final Map<String, String> PARAMS = Map.of("Digits", "1234", "CallSid", "CA1234567890ABCDE",
            "To", "+18005551212", "Caller", "+14158675309", "From", "+14158675309");

    @Test
    @DisplayName("WA-02 the published vector is valid")
    void publishedVector() {
        assertEquals(SIGNATURE, TwilioSignatures.sign(TOKEN, URL, PARAMS));
        assertTrue(TwilioSignatures.valid(TOKEN, URL, PARAMS, SIGNATURE));
    }

    @Test
    @DisplayName("WA-02 a URL signed with or without the default port :443 is valid")
    void defaultPort() {
        assertTrue(TwilioSignatures.valid(TOKEN, URL, PARAMS, SIGNATURE_WITH_443));
        assertTrue(TwilioSignatures.valid(TOKEN, URL.replace(".com/", ".com:443/"), PARAMS, SIGNATURE));
        assertFalse(TwilioSignatures.valid(TOKEN, URL.replace(".com/", ".com:8443/"), PARAMS, SIGNATURE));
    }

    @Test
    @DisplayName("WA-02 a tampered parameter or URL is refused")
    void tampered() {
        Map<String, String> tampered = new HashMap<>(PARAMS);
        tampered.put("Digits", "9999");
        assertFalse(TwilioSignatures.valid(TOKEN, URL, tampered, SIGNATURE));
        Map<String, String> added = new HashMap<>(PARAMS);
        added.put("Body", "hi");
        assertFalse(TwilioSignatures.valid(TOKEN, URL, added, SIGNATURE));
        assertFalse(TwilioSignatures.valid(TOKEN, URL.replace("foo=1", "foo=2"), PARAMS, SIGNATURE));
    }

    @Test
    @DisplayName("WA-02 a missing or blank signature is refused")
    void missing() {
        assertFalse(TwilioSignatures.valid(TOKEN, URL, PARAMS, null));
        assertFalse(TwilioSignatures.valid(TOKEN, URL, PARAMS, ""));
        assertFalse(TwilioSignatures.valid(TOKEN, URL, PARAMS, "   "));
        assertFalse(TwilioSignatures.valid(null, URL, PARAMS, SIGNATURE));
    }

    @Test
    @DisplayName("WA-02 a signature made with another token is refused")
    void wrongToken() {
        assertFalse(TwilioSignatures.valid("54321", URL, PARAMS, SIGNATURE));
        assertFalse(TwilioSignatures.valid(TOKEN, URL, PARAMS, TwilioSignatures.sign("54321", URL, PARAMS)));
    }

    @Test
    @DisplayName("WA-02 an inbound WhatsApp form signed by the SDK's validator is valid here")
    void agreesWithSdk() {
        String url = "https://switchboard.example.com/hooks/whatsapp/7";
        Map<String, String> form = Map.of("MessageSid", "SM1", "From", "whatsapp:+15551234567",
                "To", "whatsapp:+14155238886", "Body", "Привет & hi", "NumMedia", "0", "WaId", "15551234567");
        String signature = TwilioSignatures.sign("secret-token", url, form);
        assertTrue(new RequestValidator("secret-token").validate(url, form, signature));
        assertTrue(TwilioSignatures.valid("secret-token", url, form, signature));
        assertTrue(TwilioSignatures.valid("secret-token", url, new HashMap<>(form), " " + signature + " "));
    }
}
