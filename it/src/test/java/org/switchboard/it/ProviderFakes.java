package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' Telegram Bot API and Twilio REST API (TG-*, WA-*): one WireMock on the port the servers were configured
 * with ({@code switchboard.test.fakes.port}), Telegram under {@code /telegram}, Twilio under {@code /twilio}, answering
 * with the bodies of the providers' documentation. Also posts to Switchboard's webhooks as the providers do: Telegram
 * with its secret-token header, Twilio with its signature, computed here by Twilio's published algorithm.
 */
final class ProviderFakes {

    private static final AtomicLong BOT_IDS = new AtomicLong(7_000_000_000L + (System.nanoTime() % 1_000_000) * 100);
    private static WireMockServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ProviderFakes() {
    }

    /** The fake, started once per test JVM and shared by the test classes that need it. */
    static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().port(Integer.parseInt(
                    TestSettings.required("switchboard.test.fakes.port"))).asynchronousResponseEnabled(true));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /**
     * The public https address the providers are given in these tests (TG-01): the providers' requests are posted
     * to the server by the tests themselves, so it need not resolve.
     */
    static final String SITE_URL = "https://switchboard.test/switchboard";

    /** Makes {@code SiteUrl} {@link #SITE_URL} unless it is an https address already (TG-01 tests empty it). */
    static void siteUrl(ApiClient admin) {
        JsonObject setting = admin.get("api/v1/settings/SiteUrl").object();
        if (!setting.getString("value", "").startsWith("https://")) {
            ApiResponse saved = admin.put("api/v1/settings/SiteUrl", Json.createObjectBuilder()
                    .add("value", SITE_URL).add("version", setting.getInt("version")).build());
            if (saved.status() != 200) {
                throw new AssertionError("SiteUrl not set: " + saved);
            }
        }
    }

    // Telegram

    /** A new bot whose token {@code getMe} accepts and whose webhook calls succeed. */
    static String telegramBot(String username) {
        long id = BOT_IDS.incrementAndGet();
        String token = id + ":AAH" + Fixtures.unique("tok").replaceAll("[^A-Za-z0-9]", "") + "xxxxxxxxxxxxxxxxxxxx";
        String prefix = "/telegram/bot" + token + "/";
        server().stubFor(post(urlEqualTo(prefix + "getMe")).willReturn(json(200, """
                {"ok":true,"result":{"id":%d,"is_bot":true,"first_name":"Shop","username":"%s",\
                "can_join_groups":true,"can_read_all_group_messages":false,"supports_inline_queries":false}}"""
                .formatted(id, username))));
        server().stubFor(post(urlEqualTo(prefix + "setWebhook"))
                .willReturn(json(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}")));
        server().stubFor(post(urlEqualTo(prefix + "deleteWebhook"))
                .willReturn(json(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}")));
        server().stubFor(post(urlEqualTo(prefix + "sendMessage")).willReturn(sentMessage()));
        server().stubFor(post(urlEqualTo(prefix + "sendPhoto")).willReturn(sentMessage()));
        server().stubFor(post(urlEqualTo(prefix + "sendDocument")).willReturn(sentMessage()));
        return UsedSecrets.remember(token);
    }

    /** A token that {@code getMe} refuses, as Telegram does for a revoked token. */
    static String refusedTelegramToken() {
        String token = BOT_IDS.incrementAndGet() + ":AAHrevoked" + "x".repeat(26);
        server().stubFor(post(urlEqualTo("/telegram/bot" + token + "/getMe"))
                .willReturn(json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}")));
        return UsedSecrets.remember(token);
    }

    /** A file the bot can download with {@code getFile}. */
    static void telegramFile(String token, String fileId, byte[] content) {
        String path = "photos/file_" + Math.abs(fileId.hashCode()) + ".jpg";
        server().stubFor(post(urlEqualTo("/telegram/bot" + token + "/getFile")).willReturn(json(200, """
                {"ok":true,"result":{"file_id":"%s","file_unique_id":"AQADf","file_size":%d,"file_path":"%s"}}"""
                .formatted(fileId, content.length, path))));
        server().stubFor(get(urlEqualTo("/telegram/file/bot" + token + "/" + path))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(content)));
    }

    /** What the bot's method was called with, oldest first. */
    static List<LoggedRequest> telegramCalls(String token, String method) {
        return server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo("/telegram/bot" + token + "/" + method)));
    }

    /** The {@code secret_token} the channel registered with {@code setWebhook} last. */
    static String webhookSecret(String token) {
        List<LoggedRequest> calls = telegramCalls(token, "setWebhook");
        return UsedSecrets.remember(json(calls.get(calls.size() - 1).getBodyAsString()).getString("secret_token"));
    }

    /** Telegram's answer to a send: the sent Message, with a new message_id each time. */
    /**
     * A Facebook page whose token Graph takes (FB-02: {@code subscribed_apps}) and, for its external bot (FB-05),
     * Conversation Routing's {@code pass_thread_control} and {@code take_thread_control}, each answered as Meta does.
     */
    static String facebookPage(String pageId) {
        String token = UsedSecrets.remember("EAApage" + pageId + Fixtures.unique("t").replaceAll("[^A-Za-z0-9]", ""));
        for (String path : List.of("/" + pageId + "/subscribed_apps", "/me/pass_thread_control",
                "/me/take_thread_control")) {
            server().stubFor(post(urlPathEqualTo("/facebook/v27.0" + path))
                    .withQueryParam("access_token", equalTo(token)).willReturn(json(200, "{\"success\":true}")));
        }
        return token;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sentMessage() {
        return json(200, """
                {"ok":true,"result":{"message_id":{{randomInt lower=1000 upper=2000000000}},\
                "from":{"id":1,"is_bot":true,"first_name":"Shop"},"chat":{"id":42,"type":"private"},\
                "date":1764150000,"text":"ok"}}""").withTransformers("response-template");
    }

    /** POSTs to {@code url} get {@code first} once, then {@code then} (a provider that fails once, then recovers). */
    static void firstThen(String url, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
        String scenario = "first then " + url;
        server().stubFor(post(urlEqualTo(url)).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("then").willReturn(first));
        server().stubFor(post(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs("then").willReturn(then));
    }

    /** Posts an update to Switchboard's webhook as Telegram does. */
    static HttpResponse<String> postUpdate(URI hook, String secret, String update) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hook).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return send(request.build());
    }

    // Twilio

    /** An account whose credentials Twilio accepts and whose messages it queues. */
    static String twilioAccount(String token) {
        UsedSecrets.remember(token);
        String sid = "AC" + java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(System.nanoTime()).putLong(BOT_IDS.incrementAndGet()).array());
        String prefix = "/twilio/2010-04-01/Accounts/" + sid;
        server().stubFor(get(urlEqualTo(prefix + ".json"))
                .withBasicAuth(sid, token).willReturn(json(200, """
                {"sid":"%s","friendly_name":"Shop","status":"active","type":"Full","auth_token":"%s",\
                "date_created":"Wed, 04 Nov 2026 10:00:00 +0000","uri":"/2010-04-01/Accounts/%s.json"}"""
                .formatted(sid, token, sid))));
        server().stubFor(get(urlEqualTo(prefix + ".json")).atPriority(10).willReturn(json(401, """
                {"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003",\
                "status":401}""")));
        server().stubFor(post(urlEqualTo(prefix + "/Messages.json")).willReturn(queued(sid)));
        return sid;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder queued(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withTransformers("response-template").withBody("""
                {"account_sid":"%s","api_version":"2010-04-01","body":"ok","direction":"outbound-api",\
                "error_code":null,"error_message":null,"from":"whatsapp:+14155238886","num_media":"0",\
                "num_segments":"1","price":null,"sid":"SM{{randomValue length=32 type='HEXADECIMAL'}}",\
                "status":"queued","to":"whatsapp:+15005550006",\
                "uri":"/2010-04-01/Accounts/%s/Messages/SM.json"}"""
                .formatted(sid, sid));
    }

    /** The form parameters of the account's Messages.json calls, oldest first. */
    static List<Map<String, String>> twilioMessages(String sid) {
        return server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo("/twilio/2010-04-01/Accounts/" + sid + "/Messages.json"))).stream()
                .map(r -> form(r.getBodyAsString())).toList();
    }

    /** A customer's medium at Twilio, downloadable with the account's credentials. */
    static String twilioMedia(String sid, String token, byte[] content, String contentType) {
        String path = "/twilio/2010-04-01/Accounts/" + sid + "/Messages/MM" + Fixtures.unique("m")
                .replaceAll("[^A-Za-z0-9]", "") + "/Media/ME" + BOT_IDS.incrementAndGet();
        server().stubFor(get(urlPathMatching(path)).withBasicAuth(sid, token)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(content)));
        return "http://localhost:" + server().port() + path;
    }

    /** Posts a form to Switchboard signed as Twilio signs it for {@code signedUrl}; a null token sends no signature. */
    static HttpResponse<String> postSigned(URI target, String signedUrl, String authToken, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (authToken != null) {
            request.header("X-Twilio-Signature", twilioSignature(authToken, signedUrl, form));
        }
        return send(request.build());
    }

    /** Twilio's published algorithm: Base64(HMAC-SHA1(token, URL + each parameter's name and value by name)). */
    static String twilioSignature(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** The bytes of a Switchboard URL, fetched as the administrator (an attachment's download). */
    static byte[] download(java.net.URL base, String path) {
        String credentials = ApiClient.ADMIN + ":" + TestSettings.adminPassword();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).GET().build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
