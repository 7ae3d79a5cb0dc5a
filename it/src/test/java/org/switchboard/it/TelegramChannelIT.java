package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * A Telegram channel end to end against the fake Bot API (TG-01..TG-03, CH-12): saving checks the token and registers
 * the webhook with a secret; updates posted to the webhook become chats routed to an operator; the operator's replies,
 * files included, reach the Bot API with the right bodies; repeated updates create nothing; a wrong or missing secret
 * is refused and stores nothing; Telegram's 429 is waited out and its refusals are shown.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TelegramChannelIT {

    private static final String SITE_URL = "api/v1/settings/SiteUrl";
    private static final AtomicLong UPDATE_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);
    private static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ChatScenario scenario;

    @BeforeEach
    void clients() {
        scenario = new ChatScenario(base);
        ProviderFakes.server();
        ProviderFakes.siteUrl(scenario.admin);
    }

    /** A Telegram channel of a fresh bot, whose queue has one operator. */
    private record Bot(Operator operator, long channelId, String token) {

        String secret() {
            return ProviderFakes.webhookSecret(token);
        }
    }

    private Bot bot() {
        Operator alice = scenario.operator("alice");
        long queue = scenario.queue("LEAST_BUSY", null, alice);
        String token = ProviderFakes.telegramBot(Fixtures.unique("shop_bot"));
        ApiResponse created = createChannel(queue, token, true);
        assertEquals(201, created.status(), created::toString);
        return new Bot(alice, ChatScenario.id(created.object()), token);
    }

    private ApiResponse createChannel(long queue, String token, boolean active) {
        return scenario.admin.post("api/v1/channels", Json.createObjectBuilder().add("provider", "TELEGRAM")
                .add("name", Fixtures.unique("telegram")).add("active", active).add("queueId", queue)
                .add("language", "en").add("settings", Json.createObjectBuilder().add("botToken", token)).build());
    }

    private URI hook(long channelId) {
        return URI.create(base + "hooks/telegram/" + channelId);
    }

    /** A private chat's text message from Ann Lee, as in the Bot API's Update. */
    private static String textUpdate(long chatId, long messageId, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Ann",\
                "last_name":"Lee","username":"annlee","language_code":"en"},"chat":{"id":%d,"first_name":"Ann",\
                "last_name":"Lee","username":"annlee","type":"private"},"date":1764150000,"text":"%s"}}"""
                .formatted(UPDATE_IDS.incrementAndGet(), messageId, chatId, chatId, text);
    }

    private static long newChatId() {
        return UPDATE_IDS.incrementAndGet() * 10 + 7;
    }

    private long acceptedChat(Bot bot, long chatId, String text) {
        assertEquals(200, ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret(),
                textUpdate(chatId, 1, text)).statusCode());
        long chat = ChatScenario.id(scenario.awaitChat(bot.channelId(), text));
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.status(chat), "ASSIGNED"::equals);
        ApiResponse accepted = bot.operator().api().post("api/v1/chats/" + chat + "/accept",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, accepted.status(), accepted::toString);
        return chat;
    }

    private JsonObject reply(Bot bot, long chat, String text, String fileName, String type, byte[] file) {
        var body = Json.createObjectBuilder().add("text", text);
        var files = Json.createArrayBuilder();
        if (file != null) {
            files.add(Json.createObjectBuilder().add("fileName", fileName).add("contentType", type)
                    .add("content", Base64.getEncoder().encodeToString(file)));
        }
        ApiResponse sent = bot.operator().api().post("api/v1/chats/" + chat + "/messages",
                body.add("files", files).build());
        assertEquals(201, sent.status(), sent::toString);
        return sent.object();
    }

    private JsonObject awaitReply(long chat, long messageId, String status) {
        return await().atMost(ofSeconds(30)).pollInterval(ofMillis(100))
                .until(() -> message(chat, messageId), m -> status.equals(m.getString("deliveryStatus")));
    }

    private JsonObject message(long chat, long messageId) {
        return scenario.chat(chat).getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getJsonNumber("id").longValue() == messageId).findFirst().orElseThrow();
    }

    private static List<JsonObject> messages(JsonObject detail) {
        return detail.getJsonArray("messages").stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    @DisplayName("TG-03 saving checks the token with getMe and registers the webhook at SiteUrl with a random "
            + "secret; the card shows the bot and the webhook")
    void savingRegistersTheWebhook() {
        Bot bot = bot();
        JsonObject channel = scenario.admin.get("api/v1/channels/" + bot.channelId()).object();
        JsonObject settings = channel.getJsonObject("settings");
        String site = scenario.admin.get(SITE_URL).object().getString("value", "");
        assertEquals(site + "/hooks/telegram/" + bot.channelId(), settings.getString("webhookUrl"));
        assertTrue(settings.getString("botUsername").startsWith("shop_bot"), settings::toString);
        assertTrue(!settings.containsKey("botToken") && !settings.containsKey("webhookSecret"),
                "no secret is shown: " + settings);
        JsonObject registered = ProviderFakes.json(ProviderFakes.telegramCalls(bot.token(), "setWebhook").get(0)
                .getBodyAsString());
        assertEquals(settings.getString("webhookUrl"), registered.getString("url"));
        assertTrue(registered.getString("secret_token").matches("[A-Za-z0-9_-]{32,256}"), registered::toString);
        assertEquals(List.of("message"), registered.getJsonArray("allowed_updates").getValuesAs(
                jakarta.json.JsonString::getString));
        assertTrue(!channel.toString().contains(bot.token()), "the token is never shown");
    }

    @Test
    @DisplayName("TG-01 an empty SiteUrl is filled by the first Telegram channel from the https address the "
            + "administrator uses, as their change with its SettingChanged; from an http address the save is refused "
            + "naming SiteUrl, and an http SiteUrl is refused")
    void emptySiteUrlFilledFromTheHttpsAddress() {
        ApiClient admin = scenario.admin;
        long queue = scenario.queue("LEAST_BUSY", null, scenario.operator("tina"));
        try {
            ApiResponse emptied = admin.post(SITE_URL + "/restore-default", null);
            assertEquals("", emptied.object().getString("value", ""), emptied::toString);
            int before = admin.get("api/v1/channels").array().size();

            ApiResponse overHttp = createChannel(queue, ProviderFakes.telegramBot(Fixtures.unique("tg01_bot")), true);
            ApiResponse httpSiteUrl = admin.put(SITE_URL, Json.createObjectBuilder()
                    .add("value", "http://crm.example.com").build());

            overHttp.assertProblem(400, "validation.channel.siteUrlHttps", null);
            assertTrue(overHttp.object().getString("detail").contains("SiteUrl"), overHttp::toString);
            assertEquals(before, admin.get("api/v1/channels").array().size(), "nothing saved");
            httpSiteUrl.assertProblem(400, "validation.setting.httpsUrl", "value");
            assertEquals("", admin.get(SITE_URL).object().getString("value", ""), "still empty");

            String token = ProviderFakes.telegramBot(Fixtures.unique("tg01_bot"));
            ApiResponse overHttps = ApiClient.asAdminOverTls(base).post("api/v1/channels", Json.createObjectBuilder()
                    .add("provider", "TELEGRAM").add("name", Fixtures.unique("TG-01")).add("active", true)
                    .add("queueId", queue).add("language", "en")
                    .add("settings", Json.createObjectBuilder().add("botToken", token)).build());

            JsonObject channel = overHttps.assertCreated();
            String site = "https://" + base.getHost() + ":" + TestSettings.tlsPort() + "/switchboard";
            assertEquals(site, admin.get(SITE_URL).object().getString("value"));
            assertEquals(site + "/hooks/telegram/" + ChatScenario.id(channel),
                    channel.getJsonObject("settings").getString("webhookUrl"));
            JsonObject changed = await("SettingChanged of SiteUrl").atMost(ofSeconds(10))
                    .until(() -> admin.get("api/v1/events?type=SettingChanged&max=50").object()
                            .getJsonArray("events").stream().map(JsonValue::asJsonObject)
                            .filter(e -> e.getString("subject").equals("SiteUrl"))
                            .map(e -> ProviderFakes.json(e.getString("payload")))
                            .filter(e -> site.equals(e.getJsonObject("data").getString("value", null))).findFirst(),
                            java.util.Optional::isPresent).orElseThrow();
            assertEquals("admin", changed.getString("actor"), changed::toString);
        } finally {
            ProviderFakes.siteUrl(admin);
        }
    }

    @Test
    @DisplayName("TG-03 a token Telegram refuses is shown on the token field, and nothing is saved")
    void refusedTokenSavesNothing() {
        long queue = scenario.queue("LEAST_BUSY", null, scenario.operator("bob"));
        int before = scenario.admin.get("api/v1/channels").array().size();
        ApiResponse refused = createChannel(queue, ProviderFakes.refusedTelegramToken(), true);
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("validation.telegram.refused", refused.object().getString("code"), refused::toString);
        assertEquals("botToken", refused.object().getJsonArray("errors").getJsonObject(0).getString("field"),
                refused::toString);
        assertTrue(refused.object().getString("detail").contains("Unauthorized"), refused::toString);
        assertEquals(before, scenario.admin.get("api/v1/channels").array().size());
    }

    @Test
    @DisplayName("TG-03 CH-12 an update posted to the webhook becomes a chat routed to the operator; the same update "
            + "again creates nothing")
    void updateBecomesARoutedChatOnce() {
        Bot bot = bot();
        long chatId = newChatId();
        String text = "Do you deliver on Sundays? " + Fixtures.unique("q");
        String update = textUpdate(chatId, 5, text);
        assertEquals(200, ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret(), update).statusCode());

        long chat = ChatScenario.id(scenario.awaitChat(bot.channelId(), text));
        JsonObject assigned = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.summary(chat), s -> "ASSIGNED".equals(s.getString("status")));
        assertEquals(bot.operator().login(), assigned.getString("operatorLogin"));
        assertEquals("TELEGRAM", assigned.getString("provider"));
        assertEquals("Ann Lee", assigned.getString("contactName"));

        // Telegram redelivers an update it got no 2xx for: the same message, stored once.
        assertEquals(200, ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret(), update).statusCode());
        String later = "and one more " + Fixtures.unique("q");
        assertEquals(200, ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret(),
                textUpdate(chatId, 6, later)).statusCode());
        JsonObject detail = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.chat(chat), d -> messages(d).size() >= 2);
        assertEquals(List.of(later, text).stream().sorted().toList(),
                messages(detail).stream().map(m -> m.getString("body")).sorted().toList());
    }

    @Test
    @DisplayName("TG-03 an update without the secret token or with a wrong one gets 401 and stores nothing; issue 18: "
            + "so does an unknown channel, with the same answer")
    void wrongSecretIsRefused() {
        Bot bot = bot();
        String text = "forged " + Fixtures.unique("q");
        HttpResponse<String> missing = ProviderFakes.postUpdate(hook(bot.channelId()), null,
                textUpdate(newChatId(), 1, text));
        HttpResponse<String> wrong = ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret() + "x",
                textUpdate(newChatId(), 1, text));
        assertEquals(401, missing.statusCode(), missing::body);
        assertEquals(401, wrong.statusCode(), wrong::body);
        assertEquals("application/problem+json", wrong.headers().firstValue("Content-Type").orElse("")
                .replaceAll(";.*", ""));
        // A real update after the forged ones is processed; the forged text is nowhere.
        String real = "real " + Fixtures.unique("q");
        assertEquals(200, ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret(),
                textUpdate(newChatId(), 1, real)).statusCode());
        scenario.awaitChat(bot.channelId(), real);
        assertTrue(scenario.findChat(bot.channelId(), text).isEmpty(), "nothing of a refused update is stored");
        // Issue 18: a channel id that does not exist is answered exactly as a wrong secret.
        HttpResponse<String> unknown = ProviderFakes.postUpdate(URI.create(base + "hooks/telegram/999999999"),
                bot.secret(), textUpdate(newChatId(), 1, text));
        assertEquals(wrong.statusCode(), unknown.statusCode(), unknown::body);
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    @DisplayName("TG-03 CH-12 the operator's text reply goes out with sendMessage to the customer's chat; a photo "
            + "with sendPhoto, its caption the text")
    void repliesReachTelegram() {
        Bot bot = bot();
        long chatId = newChatId();
        long chat = acceptedChat(bot, chatId, "Where is my order? " + Fixtures.unique("q"));

        JsonObject text = reply(bot, chat, "It left the warehouse today.", null, null, null);
        JsonObject sent = awaitReply(chat, ChatScenario.id(text), "SENT");
        JsonObject body = ProviderFakes.json(ProviderFakes.telegramCalls(bot.token(), "sendMessage").get(0)
                .getBodyAsString());
        assertEquals(Long.toString(chatId), body.getString("chat_id"));
        assertEquals("It left the warehouse today.", body.getString("text"));
        assertEquals("SENT", sent.getString("deliveryStatus"));

        JsonObject photo = reply(bot, chat, "Here is the parcel.", "parcel.jpg", "image/jpeg", PHOTO);
        awaitReply(chat, ChatScenario.id(photo), "SENT");
        ProviderFakes.server().verify(1, postRequestedFor(urlEqualTo("/telegram/bot" + bot.token() + "/sendPhoto"))
                .withRequestBodyPart(aMultipart().withName("chat_id").withBody(equalTo(Long.toString(chatId))).build())
                .withRequestBodyPart(aMultipart().withName("caption").withBody(equalTo("Here is the parcel.")).build())
                .withRequestBodyPart(aMultipart().withName("photo").withHeader("Content-Type", equalTo("image/jpeg"))
                        .build()));
        LoggedRequest upload = ProviderFakes.telegramCalls(bot.token(), "sendPhoto").get(0);
        assertArrayEquals(PHOTO, upload.getPart("photo").getBody().asBytes());
    }

    @Test
    @DisplayName("TG-03 a customer's photo arrives as an attachment, downloaded through getFile as it arrives and kept")
    void photoIsDownloadedThroughGetFile() {
        Bot bot = bot();
        long chatId = newChatId();
        String fileId = "AgACAgIAAxkBAAIB" + Fixtures.unique("f").replaceAll("[^A-Za-z0-9]", "");
        ProviderFakes.telegramFile(bot.token(), fileId, PHOTO);
        String caption = "broken on arrival " + Fixtures.unique("q");
        String update = """
                {"update_id":%d,"message":{"message_id":9,"from":{"id":%d,"is_bot":false,"first_name":"Ann"},\
                "chat":{"id":%d,"type":"private"},"date":1764150000,"photo":[\
                {"file_id":"small-%s","file_unique_id":"s","file_size":1200,"width":90,"height":67},\
                {"file_id":"%s","file_unique_id":"l","file_size":9,"width":1280,"height":960}],"caption":"%s"}}"""
                .formatted(UPDATE_IDS.incrementAndGet(), chatId, chatId, fileId, fileId, caption);
        assertEquals(200, ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret(), update).statusCode());

        long chat = ChatScenario.id(scenario.awaitChat(bot.channelId(), caption));
        JsonObject message = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> messages(scenario.chat(chat)), l -> !l.isEmpty()).get(0);
        JsonObject attachment = message.getJsonArray("attachments").getJsonObject(0);
        assertEquals("image/jpeg", attachment.getString("contentType"));
        // Fetched as it arrives, before anybody opens it; opening it then serves the kept bytes.
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> scenario.chat(chat)
                .getJsonArray("messages").getJsonObject(0).getJsonArray("attachments").getJsonObject(0)
                .getJsonNumber("sizeBytes") != null);
        assertArrayEquals(PHOTO, ProviderFakes.download(base, "api/v1/chat-attachments/"
                + ChatScenario.id(attachment)));
        assertEquals(1, ProviderFakes.telegramCalls(bot.token(), "getFile").size());
        assertEquals(fileId, ProviderFakes.json(ProviderFakes.telegramCalls(bot.token(), "getFile").get(0)
                .getBodyAsString()).getString("file_id"));
    }

    @Test
    @DisplayName("TG-03 a 429 with retry_after is waited out and the reply is then sent once; a bot the customer "
            + "blocked marks the reply failed with Telegram's reason")
    void throttledAndRefusedReplies() {
        Bot bot = bot();
        long chat = acceptedChat(bot, newChatId(), "Hello? " + Fixtures.unique("q"));
        String send = "/telegram/bot" + bot.token() + "/sendMessage";
        ProviderFakes.firstThen(send, ProviderFakes.json(429, """
                {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 2",\
                "parameters":{"retry_after":2}}"""), ProviderFakes.sentMessage());

        JsonObject throttled = reply(bot, chat, "Sorry for the wait.", null, null, null);
        awaitReply(chat, ChatScenario.id(throttled), "SENT");
        List<LoggedRequest> calls = ProviderFakes.telegramCalls(bot.token(), "sendMessage");
        assertEquals(2, calls.size(), "one refused, one sent");
        long waited = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertTrue(waited >= 2000, "waited " + waited + " ms for retry_after 2");

        ProviderFakes.server().stubFor(post(urlEqualTo(send)).atPriority(1).willReturn(ProviderFakes.json(403, """
                {"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""")));
        JsonObject blocked = reply(bot, chat, "Are you there?", null, null, null);
        JsonObject failed = awaitReply(chat, ChatScenario.id(blocked), "FAILED");
        assertEquals("Telegram: Forbidden: bot was blocked by the user", failed.getString("deliveryError"));
    }

    @Test
    @DisplayName("CH-12 TG-03 a reply Telegram answers with a 502 stays pending and is sent again after a back-off by "
            + "the chat timer, once")
    void transientFailureIsRetried() {
        Bot bot = bot();
        long chat = acceptedChat(bot, newChatId(), "Anyone? " + Fixtures.unique("q"));
        String send = "/telegram/bot" + bot.token() + "/sendMessage";
        ProviderFakes.firstThen(send, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html>Bad Gateway</html>"),
                ProviderFakes.sentMessage());

        JsonObject reply = reply(bot, chat, "Yes, here.", null, null, null);
        awaitReply(chat, ChatScenario.id(reply), "SENT");
        List<LoggedRequest> calls = ProviderFakes.telegramCalls(bot.token(), "sendMessage");
        assertEquals(2, calls.size(), "one failed, one sent");
        long waited = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertTrue(waited >= 1000, "backed off " + waited + " ms (the first back-off is 1 to 2 s)");
    }

    @Test
    @DisplayName("TG-03 deactivating the channel removes the webhook; activating it registers a new secret; deleting "
            + "it removes the webhook again")
    void deactivationRemovesTheWebhook() {
        Bot bot = bot();
        String first = bot.secret();
        JsonObject channel = scenario.admin.get("api/v1/channels/" + bot.channelId()).object();
        ApiResponse off = scenario.admin.put("api/v1/channels/" + bot.channelId(), Json.createObjectBuilder()
                .add("name", channel.getString("name")).add("active", false).add("queueId", channel.getInt("queueId"))
                .add("language", "en").add("version", channel.getInt("version")).build());
        assertEquals(200, off.status(), off::toString);
        assertEquals(1, ProviderFakes.telegramCalls(bot.token(), "deleteWebhook").size());
        assertTrue(!off.object().getJsonObject("settings").containsKey("webhookUrl"), off::toString);
        assertEquals(401, ProviderFakes.postUpdate(hook(bot.channelId()), first,
                textUpdate(newChatId(), 1, "after deactivation")).statusCode());

        ApiResponse on = scenario.admin.put("api/v1/channels/" + bot.channelId(), Json.createObjectBuilder()
                .add("name", channel.getString("name")).add("active", true).add("queueId", channel.getInt("queueId"))
                .add("language", "en").add("version", off.object().getInt("version")).build());
        assertEquals(200, on.status(), on::toString);
        assertEquals(2, ProviderFakes.telegramCalls(bot.token(), "setWebhook").size());
        assertTrue(!first.equals(bot.secret()), "a new secret");

        ApiResponse deleted = scenario.admin.delete("api/v1/channels/" + bot.channelId());
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(2, ProviderFakes.telegramCalls(bot.token(), "deleteWebhook").size());
        assertEquals(401, ProviderFakes.postUpdate(hook(bot.channelId()), bot.secret(),
                textUpdate(newChatId(), 1, "after deletion")).statusCode());
    }
}
