package org.switchboard.core.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;

/**
 * {@link TwilioWhatsAppClient} against WireMock fakes of Twilio's API (under {@code /twilio}, to prove the base URL
 * seam) and of its media host, answering with Twilio's documented bodies.
 */
class TwilioWhatsAppClientTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "auth-token-0123";
    private static final WhatsAppAccount ACCOUNT = new WhatsAppAccount(SID, TOKEN, "+14155238886");
    private static final String ACCOUNT_PATH = "/twilio/2010-04-01/Accounts/" + SID;
    private static final String MESSAGES = ACCOUNT_PATH + "/Messages.json";
    private static final String MESSAGE_SID = "SM3e4c1a4f5c0b4c2e8f1d9a7b6c5d4e3f";
    private static final String MEDIA_PATH = ACCOUNT_PATH + "/Messages/MM800f449d0399ed014aae2bcc0cc2f2ec/Media/"
            + "ME279c8f3b1a0d4fbd9e0d2f6d1c2b3a4f";

    private static final String MESSAGE_JSON = """
            {"account_sid": "%s", "api_version": "2010-04-01", "body": "Hello",
             "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null,
             "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api",
             "error_code": null, "error_message": null, "from": "whatsapp:+14155238886",
             "messaging_service_sid": null, "num_media": "0", "num_segments": "1", "price": null,
             "price_unit": null, "sid": "%s", "status": "queued",
             "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/%s/Media.json"},
             "to": "whatsapp:+15551234567", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}
            """.formatted(SID, MESSAGE_SID, SID, MESSAGE_SID, SID, MESSAGE_SID);

    private static final String ACCOUNT_JSON = """
            {"auth_token": "%s", "date_created": "Thu, 30 Jul 2015 20:00:00 +0000",
             "date_updated": "Thu, 30 Jul 2015 20:00:00 +0000", "friendly_name": "Switchboard",
             "owner_account_sid": "%s", "sid": "%s", "status": "active",
             "subresource_uris": {"messages": "/2010-04-01/Accounts/%s/Messages.json"},
             "type": "Full", "uri": "/2010-04-01/Accounts/%s.json"}
            """.formatted(TOKEN, SID, SID, SID, SID);

    private static WireMockServer twilio;
    private static WireMockServer mediaHost;
    private static TwilioWhatsAppClient client;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(wireMockConfig().dynamicPort());
        mediaHost = new WireMockServer(wireMockConfig().dynamicPort());
        twilio.start();
        mediaHost.start();
        client = new TwilioWhatsAppClient(twilioBase());
    }

    @AfterAll
    static void stop() {
        client.close();
        twilio.stop();
        mediaHost.stop();
    }

    @BeforeEach
    void reset() {
        twilio.resetAll();
        mediaHost.resetAll();
    }

    private static String twilioBase() {
        return "http://localhost:" + twilio.port() + "/twilio";
    }

    private static String mediaUrl() {
        return twilioBase() + MEDIA_PATH.substring("/twilio".length());
    }

    private static String error(int code, String message, int status) {
        return """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                """.formatted(code, message, code, status);
    }

    private static void stubSend(int status, String body) {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    // --- send -----------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("CH-12 a reply is one form POST to Messages.json with Basic auth; Twilio's sid comes back")
    void sendsForm() {
        stubSend(201, MESSAGE_JSON);

        SendOutcome outcome = client.send(ACCOUNT, "+15551234567", "Hello", "https://files.example.com/a.pdf",
                "https://switchboard.example.com/hooks/twilio/status");

        assertEquals(new SendOutcome.Sent(MESSAGE_SID), outcome);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(SID, TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo("whatsapp:+15551234567"))
                .withFormParam("From", equalTo("whatsapp:+14155238886"))
                .withFormParam("Body", equalTo("Hello"))
                .withFormParam("MediaUrl", equalTo("https://files.example.com/a.pdf"))
                .withFormParam("StatusCallback", equalTo("https://switchboard.example.com/hooks/twilio/status"))
                .withRequestBody(containing("To=whatsapp%3A%2B15551234567")));
    }

    @Test
    @DisplayName("CH-12 a file alone is sent without Body; a 'whatsapp:' prefix is not doubled")
    void sendsMediaOnly() {
        stubSend(201, MESSAGE_JSON);

        SendOutcome outcome = client.send(ACCOUNT, "whatsapp:+15551234567", null, "https://files.example.com/a.jpg",
                null);

        assertEquals(new SendOutcome.Sent(MESSAGE_SID), outcome);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withFormParam("To", equalTo("whatsapp:+15551234567"))
                .withFormParam("MediaUrl", equalTo("https://files.example.com/a.jpg"))
                .withRequestBody(notContaining("Body="))
                .withRequestBody(notContaining("StatusCallback=")));
    }

    @Test
    @DisplayName("CH-12 429 with Retry-After: 7 is Retry(7 s) after exactly one request")
    void throttled() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json")
                .withBody(error(20429, "Too Many Requests", 429))));

        SendOutcome outcome = client.send(ACCOUNT, "+15551234567", "Hello", null, null);

        assertEquals(new SendOutcome.Retry(Duration.ofSeconds(7), "Too Many Requests (Twilio error 20429)"), outcome);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    @DisplayName("CH-12 503 is Retry after exactly one request (neither the SDK nor HttpClient retries)")
    void unavailable() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));

        SendOutcome outcome = client.send(ACCOUNT, "+15551234567", "Hello", null, null);

        assertEquals(new SendOutcome.Retry(null, "Twilio answered HTTP 503"), outcome);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    @DisplayName("CH-12 500 with Twilio's error body is Retry after exactly one request")
    void serverError() {
        stubSend(500, error(20500, "Internal Server Error", 500));

        SendOutcome outcome = client.send(ACCOUNT, "+15551234567", "Hello", null, null);

        assertEquals(new SendOutcome.Retry(null, "Internal Server Error (Twilio error 20500)"), outcome);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    @DisplayName("CH-12 400 with code 63016 fails for good, explained")
    void windowClosed() {
        stubSend(400, error(63016, "Failed to send freeform message because you are outside the allowed window. "
                + "If you are using WhatsApp, please use a Message Template.", 400));

        SendOutcome outcome = client.send(ACCOUNT, "+15551234567", "Hello", null, null);

        assertEquals(new SendOutcome.Failed("Twilio error 63016: the 24-hour window to answer this customer has "
                + "closed; only an approved template can be sent now"), outcome);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    @DisplayName("CH-12 another 4xx fails with Twilio's message and code")
    void otherRefusal() {
        stubSend(400, error(21602, "Message body is required.", 400));

        SendOutcome outcome = client.send(ACCOUNT, "+15551234567", null, null, null);

        assertEquals(new SendOutcome.Failed("Message body is required. (Twilio error 21602)"), outcome);
    }

    @Test
    @DisplayName("CH-12 a 201 whose body cannot be read is Sent without an id (sending again would duplicate it)")
    void unreadableAnswer() {
        stubSend(201, "not json");

        assertEquals(new SendOutcome.Sent(null), client.send(ACCOUNT, "+15551234567", "Hello", null, null));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    @DisplayName("CH-12 no answer (connection refused) is Retry")
    void connectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioWhatsAppClient offline = new TwilioWhatsAppClient("http://localhost:" + closedPort);
        try {
            SendOutcome outcome = offline.send(ACCOUNT, "+15551234567", "Hello", null, null);

            SendOutcome.Retry retry = assertInstanceOf(SendOutcome.Retry.class, outcome);
            assertNull(retry.after());
            assertTrue(retry.reason().startsWith("Twilio is not reachable: "), retry.reason());
        } finally {
            offline.close();
        }
    }

    @Test
    @DisplayName("CH-12 a response slower than the response timeout is Retry after exactly one request")
    void responseTimeout() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json").withBody(MESSAGE_JSON)));
        TwilioWhatsAppClient impatient = new TwilioWhatsAppClient(twilioBase(), Duration.ofMillis(300));
        try {
            SendOutcome outcome = impatient.send(ACCOUNT, "+15551234567", "Hello", null, null);

            SendOutcome.Retry retry = assertInstanceOf(SendOutcome.Retry.class, outcome);
            assertTrue(retry.reason().startsWith("Twilio is not reachable: "), retry.reason());
            twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        } finally {
            impatient.close();
        }
    }

    @Test
    @DisplayName("CH-12 a malformed Account SID fails without a request")
    void malformedSid() {
        SendOutcome outcome = client.send(new WhatsAppAccount("AC123", TOKEN, "+14155238886"), "+15551234567",
                "Hello", null, null);

        assertInstanceOf(SendOutcome.Failed.class, outcome);
        twilio.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- verifyAccount ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("WA-05 valid credentials: the account fetch succeeds with Basic auth")
    void verifyOk() {
        twilio.stubFor(get(ACCOUNT_PATH + ".json").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ACCOUNT_JSON)));

        assertDoesNotThrow(() -> client.verifyAccount(ACCOUNT));

        twilio.verify(1, getRequestedFor(urlEqualTo(ACCOUNT_PATH + ".json"))
                .withBasicAuth(new BasicCredentials(SID, TOKEN)));
    }

    @Test
    @DisplayName("WA-05 401 (Twilio error 20003) refuses the credentials with Twilio's reason")
    void verifyUnauthorized() {
        twilio.stubFor(get(ACCOUNT_PATH + ".json").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(error(20003, "Authenticate", 401))));

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> client.verifyAccount(ACCOUNT));

        assertTrue(e.refused());
        assertEquals("Authenticate (Twilio error 20003)", e.getMessage());
        twilio.verify(1, getRequestedFor(urlEqualTo(ACCOUNT_PATH + ".json")));
    }

    @Test
    @DisplayName("WA-05 404 (Twilio error 20404, unknown SID) refuses the credentials")
    void verifyUnknownAccount() {
        twilio.stubFor(get(ACCOUNT_PATH + ".json").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(error(20404, "The requested resource /2010-04-01/Accounts/" + SID + ".json was not found",
                        404))));

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> client.verifyAccount(ACCOUNT));

        assertTrue(e.refused());
        assertTrue(e.getMessage().endsWith("was not found (Twilio error 20404)"), e.getMessage());
    }

    @Test
    @DisplayName("WA-05 500 means Twilio is unavailable, not that the credentials are wrong; one request only")
    void verifyUnavailable() {
        twilio.stubFor(get(ACCOUNT_PATH + ".json").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody(error(20500, "Internal Server Error", 500))));

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> client.verifyAccount(ACCOUNT));

        assertFalse(e.refused());
        assertEquals("Twilio is not reachable: Internal Server Error (Twilio error 20500)", e.getMessage());
        twilio.verify(1, getRequestedFor(urlEqualTo(ACCOUNT_PATH + ".json")));
    }

    @Test
    @DisplayName("WA-05 a malformed Account SID is refused without asking Twilio")
    void verifyMalformedSid() {
        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client.verifyAccount(new WhatsAppAccount("not-a-sid", TOKEN, "+14155238886")));

        assertTrue(e.refused());
        twilio.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("WA-01 an account's text never shows the token")
    void accountText() {
        assertFalse(ACCOUNT.toString().contains(TOKEN));
        assertTrue(ACCOUNT.toString().contains(SID));
    }

    // --- fetchMedia -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("WA-02 media is fetched with Basic auth; the redirect to the media host carries no credentials")
    void fetchesMedia() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        String cdnPath = "/media/ME279c8f3b1a0d4fbd9e0d2f6d1c2b3a4f?Signature=abc";
        twilio.stubFor(get(MEDIA_PATH).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://localhost:" + mediaHost.port() + cdnPath)));
        mediaHost.stubFor(get(urlEqualTo(cdnPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));

        ChannelFile file = client.fetchMedia(ACCOUNT, mediaUrl());

        assertEquals("ME279c8f3b1a0d4fbd9e0d2f6d1c2b3a4f.jpg", file.fileName());
        assertEquals("image/jpeg", file.contentType());
        assertArrayEquals(jpeg, file.content());
        twilio.verify(1, getRequestedFor(urlEqualTo(MEDIA_PATH)).withBasicAuth(new BasicCredentials(SID, TOKEN)));
        mediaHost.verify(1, getRequestedFor(urlEqualTo(cdnPath)).withHeader("Authorization", absent()));
    }

    @Test
    @DisplayName("WA-02 a media URL outside the Twilio API base is refused before any request")
    void refusesForeignHost() {
        String foreign = "http://localhost:" + mediaHost.port() + MEDIA_PATH;

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client.fetchMedia(ACCOUNT, foreign));

        assertTrue(e.refused());
        assertFalse(e.getMessage().contains(TOKEN));
        mediaHost.verify(0, anyRequestedFor(anyUrl()));
        assertThrows(ProviderRefusedException.class, () -> client.fetchMedia(ACCOUNT,
                twilioBase() + "/../elsewhere/2010-04-01/Accounts/" + SID + "/Media/ME1"));
        assertThrows(ProviderRefusedException.class, () -> client.fetchMedia(ACCOUNT,
                "http://" + SID + ":x@localhost:" + twilio.port() + MEDIA_PATH));
        twilio.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("WA-03 a customer's file over the size limit is refused")
    void refusesTooBig() {
        TwilioWhatsAppClient small = new TwilioWhatsAppClient(twilioBase());
        small.maxMediaBytes = 1024;
        byte[] body = new byte[1025];
        Arrays.fill(body, (byte) 7);
        twilio.stubFor(get(MEDIA_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pdf").withBody(body)));
        try {
            ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                    () -> small.fetchMedia(ACCOUNT, mediaUrl()));

            assertTrue(e.refused());
            assertTrue(e.getMessage().contains("16 MB"), e.getMessage());
            small.maxMediaBytes = 1025;
            assertEquals(1025, small.fetchMedia(ACCOUNT, mediaUrl()).content().length);
        } finally {
            small.close();
        }
    }

    @Test
    @DisplayName("WA-02 a missing medium is refused; a 503 means Twilio is unavailable")
    void mediaErrors() {
        String url = mediaUrl();
        twilio.stubFor(get(MEDIA_PATH).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error(20404, "Not found", 404))));
        assertTrue(assertThrows(ProviderRefusedException.class, () -> client.fetchMedia(ACCOUNT, url)).refused());

        twilio.stubFor(get(MEDIA_PATH).willReturn(aResponse().withStatus(503)));
        assertFalse(assertThrows(ProviderRefusedException.class, () -> client.fetchMedia(ACCOUNT, url)).refused());
    }
}
