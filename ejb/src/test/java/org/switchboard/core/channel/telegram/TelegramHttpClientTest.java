package org.switchboard.core.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.channel.telegram.TelegramClient.Bot;
import org.switchboard.core.channel.telegram.TelegramClient.FileKind;

/**
 * {@link HttpTelegramClient} against a WireMock fake of the Bot API under {@code /tg/} (the base URL seam, trailing
 * slash included), answering with the Bot API's own bodies.
 */
class TelegramHttpClientTest {

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String API = "/tg/bot" + TOKEN + "/";
    private static final String FILE_ID = "AgACAgIAAxkBAAIBZ2Xk3Vb1hQABHeXzL2u0AAE4qgABB6wAAh3YMRsCAAEQSZ1rkqJ3Hb0B";

    private static final String ME = """
            {"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"Switchboard Support",
             "username":"switchboard_support_bot","can_join_groups":true,"can_read_all_group_messages":false,
             "supports_inline_queries":false}}""";
    private static final String SENT = """
            {"ok":true,"result":{"message_id":4711,"from":{"id":123456789,"is_bot":true,
             "first_name":"Switchboard Support","username":"switchboard_support_bot"},
             "chat":{"id":42,"first_name":"Ann","last_name":"Lee","username":"annlee","type":"private"},
             "date":1723546845,"text":"Hello"}}""";
    private static final String TOO_MANY = """
            {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5",
             "parameters":{"retry_after":5}}""";
    private static final String BLOCKED = """
            {"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""";
    private static final String UNAUTHORIZED = """
            {"ok":false,"error_code":401,"description":"Unauthorized"}""";
    private static final String CHAT_NOT_FOUND = """
            {"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""";

    private static WireMockServer telegram;
    private static HttpTelegramClient client;

    @BeforeAll
    static void start() {
        telegram = new WireMockServer(wireMockConfig().dynamicPort());
        telegram.start();
        client = new HttpTelegramClient("http://localhost:" + telegram.port() + "/tg/");
    }

    @AfterAll
    static void stop() {
        telegram.stop();
    }

    @BeforeEach
    void reset() {
        telegram.resetAll();
    }

    private static void stub(String method, int status, String body) {
        telegram.stubFor(post(API + method).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    // --- getMe, webhook ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("TG-03: getMe with a valid token gives the bot's id, username and first name")
    void getMe() {
        stub("getMe", 200, ME);

        assertEquals(new Bot(123456789L, "switchboard_support_bot", "Switchboard Support"), client.getMe(TOKEN));
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "getMe")));
    }

    @Test
    @DisplayName("TG-03: a 401 Unauthorized is a refusal carrying Telegram's description")
    void getMeUnauthorized() {
        stub("getMe", 401, UNAUTHORIZED);

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> client.getMe(TOKEN));

        assertTrue(e.refused());
        assertEquals("Unauthorized", e.getMessage());
    }

    @Test
    @DisplayName("TG-03: a 502 without a Bot API body is 'not reachable', not a refusal")
    void getMeBadGateway() {
        telegram.stubFor(post(API + "getMe").willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>502 Bad Gateway</body></html>")));

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> client.getMe(TOKEN));

        assertFalse(e.refused());
        assertEquals("HTTP 502 without a Bot API answer", e.getMessage());
    }

    @Test
    @DisplayName("TG-03: a refused connection is 'not reachable', not a refusal")
    void getMeConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpTelegramClient unreachable = new HttpTelegramClient("http://localhost:" + closedPort);

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> unreachable.getMe(TOKEN));

        assertFalse(e.refused());
        assertTrue(e.getMessage().startsWith("Telegram is not reachable"), e.getMessage());
    }

    @Test
    @DisplayName("TG-03: a malformed token is refused without any request (it would end up in the URL)")
    void malformedToken() {
        for (String token : new String[] {"", "not-a-token", "123456789:short",
            "123456789:AAHdqTcvCH1vGWJxfSeofSA/../x", "123:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw?x=1"}) {
            ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> client.getMe(token), token);
            assertTrue(e.refused(), token);
        }
        assertThrows(ProviderRefusedException.class, () -> client.getMe(null));
        telegram.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("TG-03: setWebhook posts url, secret_token and allowed_updates [\"message\"] as JSON")
    void setWebhook() {
        stub("setWebhook", 200, """
                {"ok":true,"result":true,"description":"Webhook was set"}""");

        client.setWebhook(TOKEN, "https://switchboard.example.com/hooks/telegram/7", "s3cr3t_-Token");

        telegram.verify(1, postRequestedFor(urlEqualTo(API + "setWebhook"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"url":"https://switchboard.example.com/hooks/telegram/7","secret_token":"s3cr3t_-Token",
                         "allowed_updates":["message"]}""", false, true)));
    }

    @Test
    @DisplayName("TG-03: setWebhook refused (\"bad webhook\") is a refusal with Telegram's description")
    void setWebhookRefused() {
        stub("setWebhook", 400, """
                {"ok":false,"error_code":400,
                 "description":"Bad Request: bad webhook: HTTPS url must be provided for webhook"}""");

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client.setWebhook(TOKEN, "http://switchboard.example.com/hooks/telegram/7", "secret"));

        assertTrue(e.refused());
        assertEquals("Bad Request: bad webhook: HTTPS url must be provided for webhook", e.getMessage());
    }

    @Test
    @DisplayName("TG-03: deleteWebhook posts once to deleteWebhook")
    void deleteWebhook() {
        stub("deleteWebhook", 200, """
                {"ok":true,"result":true,"description":"Webhook was deleted"}""");

        client.deleteWebhook(TOKEN);

        telegram.verify(1, postRequestedFor(urlEqualTo(API + "deleteWebhook")));
    }

    // --- sendMessage ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("CH-12: sendMessage posts chat_id and text as JSON; Sent carries Telegram's message_id")
    void sendMessage() {
        stub("sendMessage", 200, SENT);

        SendOutcome outcome = client.sendMessage(TOKEN, "42", "Hello, «Ann» 👋");

        assertEquals(new SendOutcome.Sent("4711"), outcome);
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendMessage"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"chat_id\":\"42\",\"text\":\"Hello, «Ann» 👋\"}")));
    }

    @Test
    @DisplayName("CH-12: 429 with retry_after 5 is Retry after 5 s, after exactly one request")
    void sendMessageThrottled() {
        stub("sendMessage", 429, TOO_MANY);

        SendOutcome outcome = client.sendMessage(TOKEN, "42", "Hello");

        assertEquals(new SendOutcome.Retry(Duration.ofSeconds(5), "Telegram: Too Many Requests: retry after 5"),
                outcome);
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendMessage")));
    }

    @Test
    @DisplayName("CH-12: 500 is Retry without a wait (back-off is the caller's), after exactly one request")
    void sendMessageServerError() {
        stub("sendMessage", 500, """
                {"ok":false,"error_code":500,"description":"Internal Server Error"}""");

        SendOutcome outcome = client.sendMessage(TOKEN, "42", "Hello");

        assertEquals(new SendOutcome.Retry(null, "Telegram: Internal Server Error"), outcome);
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendMessage")));
    }

    @Test
    @DisplayName("CH-12: 403 'bot was blocked by the user' fails for good with Telegram's reason, after one request")
    void sendMessageBlocked() {
        stub("sendMessage", 403, BLOCKED);

        SendOutcome outcome = client.sendMessage(TOKEN, "42", "Hello");

        SendOutcome.Failed failed = assertInstanceOf(SendOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("Forbidden: bot was blocked by the user"), failed.reason());
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendMessage")));
    }

    @Test
    @DisplayName("CH-12: 400 'chat not found' fails for good with Telegram's reason, after one request")
    void sendMessageChatNotFound() {
        stub("sendMessage", 400, CHAT_NOT_FOUND);

        assertEquals(new SendOutcome.Failed("Telegram: Bad Request: chat not found"),
                client.sendMessage(TOKEN, "-1001234567890", "Hello"));
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendMessage")));
    }

    @Test
    @DisplayName("CH-12: a refused connection is Retry without a wait")
    void sendMessageUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendOutcome outcome = new HttpTelegramClient("http://localhost:" + closedPort).sendMessage(TOKEN, "42", "Hi");

        SendOutcome.Retry retry = assertInstanceOf(SendOutcome.Retry.class, outcome);
        assertNull(retry.after());
    }

    // --- sendPhoto / sendDocument -----------------------------------------------------------------------------------

    @Test
    @DisplayName("CH-12: a photo is one multipart sendPhoto with chat_id, caption and the 'photo' part's exact bytes")
    void sendPhoto() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, '\r', '\n',
            (byte) 0xFF, (byte) 0xD9};
        stub("sendPhoto", 200, SENT);

        SendOutcome outcome = client.sendFile(TOKEN, "42", FileKind.PHOTO, new ChannelFile("cat.jpg", "image/jpeg",
                jpeg), "Our cat, «Мурзик»");

        assertEquals(new SendOutcome.Sent("4711"), outcome);
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendPhoto"))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withAnyRequestBodyPart(aMultipart().withName("chat_id").withBody(equalTo("42")))
                .withAnyRequestBodyPart(aMultipart().withName("caption").withBody(binaryEqualTo(
                        "Our cat, «Мурзик»".getBytes(StandardCharsets.UTF_8))))
                .withAnyRequestBodyPart(aMultipart().withName("photo")
                        .withHeader("Content-Disposition", containing("filename=\"cat.jpg\""))
                        .withHeader("Content-Type", equalTo("image/jpeg"))
                        .withBody(binaryEqualTo(jpeg))));
        telegram.verify(0, postRequestedFor(urlEqualTo(API + "sendDocument")));
    }

    @Test
    @DisplayName("CH-12: a document is one multipart sendDocument with a 'document' part; no caption, no caption part")
    void sendDocument() {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n%%EOF".getBytes(StandardCharsets.ISO_8859_1);
        stub("sendDocument", 200, SENT);

        SendOutcome outcome = client.sendFile(TOKEN, "42", FileKind.DOCUMENT,
                new ChannelFile("offer \"2024\".pdf", "application/pdf", pdf), null);

        assertEquals(new SendOutcome.Sent("4711"), outcome);
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendDocument"))
                .withAnyRequestBodyPart(aMultipart().withName("chat_id").withBody(equalTo("42")))
                .withAnyRequestBodyPart(aMultipart().withName("document")
                        .withHeader("Content-Disposition", containing("filename=\"offer _2024_.pdf\""))
                        .withHeader("Content-Type", equalTo("application/pdf"))
                        .withBody(binaryEqualTo(pdf)))
                .withRequestBody(notContaining("name=\"caption\"")));
    }

    @Test
    @DisplayName("CH-12: a throttled sendPhoto is Retry after Telegram's retry_after")
    void sendPhotoThrottled() {
        stub("sendPhoto", 429, TOO_MANY);

        SendOutcome outcome = client.sendFile(TOKEN, "42", FileKind.PHOTO,
                new ChannelFile("cat.jpg", "image/jpeg", new byte[] {1, 2, 3}), null);

        assertEquals(Duration.ofSeconds(5), assertInstanceOf(SendOutcome.Retry.class, outcome).after());
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "sendPhoto")));
    }

    // --- download ---------------------------------------------------------------------------------------------------

    private static void stubGetFile(String filePath) {
        stub("getFile", 200, """
                {"ok":true,"result":{"file_id":"%s","file_unique_id":"AQADHdgxGwIAARBJfg","file_size":36123%s}}"""
                .formatted(FILE_ID, filePath == null ? "" : ",\"file_path\":\"" + filePath + "\""));
    }

    @Test
    @DisplayName("CH-12: download: getFile's file_path, then GET /file/bot<token>/<file_path>; given name and type win")
    void download() {
        byte[] content = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        stubGetFile("photos/file_0.jpg");
        telegram.stubFor(get("/tg/file/bot" + TOKEN + "/photos/file_0.jpg").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(content)));

        ChannelFile file = client.download(TOKEN, FILE_ID, "photo-5.jpg", "image/jpeg");

        assertEquals("photo-5.jpg", file.fileName());
        assertEquals("image/jpeg", file.contentType());
        assertArrayEquals(content, file.content());
        telegram.verify(1, postRequestedFor(urlEqualTo(API + "getFile"))
                .withRequestBody(equalToJson("{\"file_id\":\"" + FILE_ID + "\"}")));
        telegram.verify(1, getRequestedFor(urlEqualTo("/tg/file/bot" + TOKEN + "/photos/file_0.jpg")));
    }

    @Test
    @DisplayName("CH-12: without a given name and type, download takes the path's last segment and the Content-Type")
    void downloadDefaults() {
        byte[] content = "%PDF-1.4 …".getBytes(StandardCharsets.UTF_8);
        stubGetFile("documents/file_12.pdf");
        telegram.stubFor(get("/tg/file/bot" + TOKEN + "/documents/file_12.pdf").willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/pdf").withBody(content)));

        ChannelFile file = client.download(TOKEN, FILE_ID, null, null);

        assertEquals("file_12.pdf", file.fileName());
        assertEquals("application/pdf", file.contentType());
        assertArrayEquals(content, file.content());
    }

    @Test
    @DisplayName("CH-12: a getFile result without file_path (file over 20 MB) is refused, with no download attempted")
    void downloadWithoutPath() {
        stubGetFile(null);

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client.download(TOKEN, FILE_ID, "big.mp4", "video/mp4"));

        assertTrue(e.refused());
        telegram.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("CH-12: getFile 400 'wrong file_id' is a refusal with Telegram's description")
    void downloadWrongFileId() {
        stub("getFile", 400, """
                {"ok":false,"error_code":400,
                 "description":"Bad Request: wrong file_id or the file is temporarily unavailable"}""");

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client.download(TOKEN, "nope", null, null));

        assertTrue(e.refused());
        assertEquals("Bad Request: wrong file_id or the file is temporarily unavailable", e.getMessage());
    }

    @Test
    @DisplayName("CH-12: a 5xx on the file download is 'not reachable', not a refusal")
    void downloadServerError() {
        stubGetFile("voice/file_3.oga");
        telegram.stubFor(get("/tg/file/bot" + TOKEN + "/voice/file_3.oga").willReturn(aResponse().withStatus(503)));

        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client.download(TOKEN, FILE_ID, null, null));

        assertFalse(e.refused());
    }
}
