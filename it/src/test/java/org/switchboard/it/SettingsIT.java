package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** X-01 on the deployed EAR: typed system settings over REST, secrets encrypted at rest, SettingChanged events. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SettingsIT {

    private static final String SETTINGS = "api/v1/settings/";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private static JsonObject value(String value, JsonObject current) {
        return Json.createObjectBuilder().add("value", value).add("version", current.getInt("version")).build();
    }

    @Test
    @DisplayName("X-01 every setting the requirements name exists with its code, type and default")
    void everySettingExists() {
        ApiResponse list = ApiClient.asAdmin(base).get(SETTINGS);

        assertEquals(200, list.status(), list::toString);
        Map<String, JsonObject> settings = list.array().stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getString("code"), s -> s));
        Map<String, String> types = Map.ofEntries(Map.entry("SimultaneousChats", "INTEGER"),
                Map.entry("OmniChatOperatorAcceptChatTimeout", "INTEGER"),
                Map.entry("OmniChatNotificationSound", "FILE"), Map.entry("SiteUrl", "TEXT"),
                Map.entry("MailboxSyncInterval", "INTEGER"), Map.entry("IdentityServerUrl", "TEXT"),
                Map.entry("IdentityServerClientId", "TEXT"), Map.entry("IdentityServerClientSecret", "SECRET"),
                Map.entry("GoogleClientId", "TEXT"), Map.entry("GoogleClientSecret", "SECRET"),
                Map.entry("UseSharedGoogleApplication", "BOOLEAN"));
        types.forEach((code, type) -> assertEquals(type, settings.get(code).getString("type"), code));
        assertEquals("5", settings.get("SimultaneousChats").getString("defaultValue"));
        assertEquals("5", settings.get("OmniChatOperatorAcceptChatTimeout").getString("defaultValue"));
        assertEquals("15", settings.get("MailboxSyncInterval").getString("defaultValue"));
        assertEquals("false", settings.get("UseSharedGoogleApplication").getString("defaultValue"));
        assertEquals("new-chat.wav", settings.get("OmniChatNotificationSound").getString("defaultValue"));
    }

    @Test
    @DisplayName("X-01 a non-integer for SimultaneousChats is refused with 400 naming the field, in the caller's language")
    void nonIntegerRefused() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject before = admin.get(SETTINGS + "SimultaneousChats").object();

        ApiResponse english = admin.put(SETTINGS + "SimultaneousChats", value("five", before));
        ApiResponse russian = ApiClient.asAdmin(base).header("Accept-Language", "ru-RU")
                .put(SETTINGS + "SimultaneousChats", value("2.5", before));

        assertEquals(400, english.status(), english::toString);
        assertEquals("application/problem+json", english.contentType());
        JsonObject error = english.object().getJsonArray("errors").getJsonObject(0);
        assertEquals("value", error.getString("field"));
        assertEquals("Enter a whole number, such as 5.", error.getString("message"));
        assertEquals(400, russian.status(), russian::toString);
        assertEquals("Введите целое число, например 5.",
                russian.object().getJsonArray("errors").getJsonObject(0).getString("message"));
        assertEquals(before.getInt("version"), admin.get(SETTINGS + "SimultaneousChats").object().getInt("version"),
                "a refused value changes nothing");
    }

    @Test
    @DisplayName("X-01 a value is saved, read back, and the default restored; a stale version is refused with 409")
    void changeAndRestore() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject before = admin.get(SETTINGS + "MailboxSyncInterval").object();

        ApiResponse saved = admin.put(SETTINGS + "MailboxSyncInterval", value(" 30 ", before));
        ApiResponse stale = admin.put(SETTINGS + "MailboxSyncInterval", value("45", before));
        ApiResponse restored = admin.post(SETTINGS + "MailboxSyncInterval/restore-default", null);

        assertEquals(200, saved.status(), saved::toString);
        assertEquals("30", saved.object().getString("value"));
        assertTrue(saved.object().getBoolean("customized"));
        assertEquals(409, stale.status(), stale::toString);
        assertEquals(200, restored.status(), restored::toString);
        assertFalse(restored.object().containsKey("value") && !restored.object().isNull("value"), restored::toString);
        assertEquals("15", restored.object().getString("effective"));
        assertFalse(restored.object().getBoolean("customized"));
    }

    @Test
    @DisplayName("X-01 out-of-range numbers, malformed URLs and unknown codes are 4xx problems")
    void otherRefusals() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject chats = admin.get(SETTINGS + "SimultaneousChats").object();
        JsonObject site = admin.get(SETTINGS + "SiteUrl").object();

        ApiResponse zero = admin.put(SETTINGS + "SimultaneousChats", value("0", chats));
        ApiResponse url = admin.put(SETTINGS + "SiteUrl", value("crm.example.com", site));
        ApiResponse httpUrl = admin.put(SETTINGS + "IdentityServerUrl",
                value("ftp://id.example.com", admin.get(SETTINGS + "IdentityServerUrl").object()));
        ApiResponse unknown = admin.put(SETTINGS + "NoSuchSetting", Json.createObjectBuilder().add("value", "1").build());
        ApiResponse notJson = admin.send(HttpRequest.newBuilder(admin.resolve(SETTINGS + "SiteUrl"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("[1,")).build());

        assertEquals(400, zero.status(), zero::toString);
        assertEquals("The value must be at least 1.", zero.object().getString("detail"));
        assertEquals(400, url.status(), url::toString);
        assertEquals("validation.setting.httpsUrl", url.object().getString("code"), "TG-01: SiteUrl is https");
        assertEquals("validation.setting.url", httpUrl.object().getString("code"), httpUrl::toString);
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals(400, notJson.status(), notJson::toString);
        assertEquals("application/problem+json", notJson.contentType(), notJson::toString);
    }

    @Test
    @DisplayName("X-01 a secret is stored encrypted, shown masked, and its event never carries it")
    void secretEncryptedAtRest() throws Exception {
        ApiClient admin = ApiClient.asAdmin(base);
        String secret = Fixtures.unique("google-secret");
        JsonObject before = admin.get(SETTINGS + "GoogleClientSecret").object();
        Set<String> seen = eventIds("SettingChanged", "GoogleClientSecret");

        ApiResponse saved = admin.put(SETTINGS + "GoogleClientSecret", value(secret, before));

        assertEquals(200, saved.status(), saved::toString);
        assertEquals("********", saved.object().getString("value"));
        assertFalse(saved.body().contains(secret), saved::toString);
        assertFalse(admin.get(SETTINGS).body().contains(secret));
        String stored = storedValue("GoogleClientSecret");
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(secret), stored);
        assertFalse(new String(Base64.getDecoder().decode(stored.substring(3))).contains(secret));
        JsonObject event = awaitNewEvent("SettingChanged", "GoogleClientSecret", seen);
        assertFalse(event.toString().contains(secret), event::toString);
        assertTrue(event.getJsonObject("data").isNull("value"), event::toString);
    }

    @Test
    @DisplayName("X-01 X-03 a change publishes SettingChanged on the events topic, which the journal records once")
    void changePublishesEvent() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject before = admin.get(SETTINGS + "IdentityServerClientId").object();
        String clientId = Fixtures.unique("client");
        Set<String> seen = eventIds("SettingChanged", "IdentityServerClientId");

        ApiResponse saved = admin.put(SETTINGS + "IdentityServerClientId", value(clientId, before));

        assertEquals(200, saved.status(), saved::toString);
        JsonObject event = awaitNewEvent("SettingChanged", "IdentityServerClientId", seen);
        assertEquals("admin", event.getString("actor"));
        assertEquals(1, event.getInt("version"));
        assertEquals(clientId, event.getJsonObject("data").getString("value"));
        assertEquals("TEXT", event.getJsonObject("data").getString("settingType"));
        assertTrue(event.getJsonObject("data").getBoolean("customized"));
    }

    @Test
    @DisplayName("X-01 CH-09 the new-chat sound: shipped default, replaced by an upload, cleared, restored; issue 18: "
            + "content that is not the named format is refused, and the file is served with nosniff")
    void notificationSound() throws Exception {
        ApiClient admin = ApiClient.asAdmin(base);
        String sound = SETTINGS + "OmniChatNotificationSound";
        byte[] shipped = download(admin, sound + "/file");
        assertTrue(shipped.length > 1000 && new String(shipped, 0, 4).equals("RIFF"), "the shipped WAV");
        byte[] upload = ("ID3" + "x".repeat(2000)).getBytes();

        ApiResponse uploaded = admin.send(HttpRequest.newBuilder(admin.resolve(sound + "/file?fileName=ding.mp3"))
                .header("Content-Type", "audio/mpeg").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(upload)).build());
        assertEquals(200, uploaded.status(), uploaded::toString);
        assertEquals("ding.mp3", uploaded.object().getString("value"));
        assertArrayEquals(upload, download(admin, sound + "/file"));

        ApiResponse wrongType = admin.send(HttpRequest.newBuilder(admin.resolve(sound + "/file?fileName=run.exe"))
                .header("Content-Type", "application/octet-stream").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(upload)).build());
        assertEquals(400, wrongType.status(), wrongType::toString);
        assertEquals("validation.setting.fileType", wrongType.object().getString("code"));
        // Issue 18: a page named like a sound is refused; what is served inline is never sniffed.
        ApiResponse disguised = admin.send(HttpRequest.newBuilder(admin.resolve(sound + "/file?fileName=evil.mp3"))
                .header("Content-Type", "audio/mpeg").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("<html><script>alert(1)</script></html>")).build());
        assertEquals(400, disguised.status(), disguised::toString);
        assertEquals("validation.setting.fileContent", disguised.object().getString("code"));
        ApiResponse served = admin.get(sound + "/file");
        assertEquals("nosniff", served.header("X-Content-Type-Options").orElse(""), served::toString);
        assertEquals("audio/mpeg", served.contentType(), served::toString);

        ApiResponse cleared = admin.delete(sound + "/file");
        assertEquals(200, cleared.status(), cleared::toString);
        assertEquals("", cleared.object().getString("value"));
        assertEquals(404, admin.get(sound + "/file").status());

        ApiResponse restored = admin.post(sound + "/restore-default", null);
        assertEquals(200, restored.status(), restored::toString);
        assertArrayEquals(shipped, download(admin, sound + "/file"));
    }

    private byte[] download(ApiClient client, String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(client.resolve(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + TestSettings.adminPassword()).getBytes()))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    /** The ids of the journaled events of a type about a subject. */
    private Set<String> eventIds(String type, String subject) {
        return events(type, subject).stream().map(e -> e.getString("eventId")).collect(Collectors.toSet());
    }

    private List<JsonObject> events(String type, String subject) {
        return ApiClient.asAdmin(base).get("api/v1/events?type=" + type + "&max=500").object()
                .getJsonArray("events").stream().map(JsonValue::asJsonObject)
                .filter(e -> subject.equals(e.getString("subject")))
                .map(e -> Json.createReader(new StringReader(e.getString("payload"))).readObject())
                .toList();
    }

    /** Polls the event journal (the topic is asynchronous) until an event not seen before appears; returns its body. */
    private JsonObject awaitNewEvent(String type, String subject, Set<String> seen) {
        return await().atMost(ofSeconds(30)).pollInterval(ofMillis(250)).until(
                () -> events(type, subject).stream().filter(e -> !seen.contains(e.getString("eventId")))
                        .findFirst().orElse(null),
                Objects::nonNull);
    }

    /** Reads a setting's stored value straight from the test server's database. */
    private static String storedValue(String code) throws Exception {
        try (Connection connection = DriverManager.getConnection(TestSettings.databaseUrl(), "sa", "sa");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT current_value FROM system_setting WHERE code = ?")) {
            statement.setString(1, code);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), code);
                String value = rows.getString(1);
                assertNotNull(value, code);
                return value;
            }
        }
    }
}
