package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * Telegram and Messenger channel benchmark (TG-03, FB-02, CH-12), run only by the Maven profile {@code benchmark} with
 * {@code -Dit.test=ChannelWebhookBenchmark} (README):
 * <ol>
 * <li>webhook to stored: {@code bench.webhook.n} updates (5,000) from 100 customers are posted to the webhook at
 * {@code bench.webhook.rate} per second (200), after a warm-up of {@code bench.webhook.warmup} (20,000, 100 s: on two cores the JIT needs minutes of load) into another
 * channel; for each message the time from the start of its POST to the stored message's {@code stored_at} (read from
 * the database) is taken, and the webhook's own answer time;</li>
 * <li>a fake that answers 429 ({@code retry_after} 5) to every {@code sendMessage} for a minute while operators send
 * 30 replies into 5 chats: how many requests the sender made during the minute, how long after it every reply was
 * sent, and that each was sent exactly once.</li>
 * </ol>
 * Messenger's webhook is measured the same way as the first part ({@link #messengerWebhookToStored}).
 * Prints the figures; asserts only completeness (every update stored, every reply sent once), never a timing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChannelWebhookBenchmark {

    private static final int N = Integer.getInteger("bench.webhook.n", 5_000);
    private static final int WARMUP = Integer.getInteger("bench.webhook.warmup", 20_000);
    private static final int RATE = Integer.getInteger("bench.webhook.rate", 200);
    private static final int CUSTOMERS = 100;
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 10);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private record Bot(Operator operator, long channelId, String token, String secret) {
    }

    private Bot bot(ChatScenario scenario, String rule) {
        Operator operator = scenario.operator("bench");
        long queue = scenario.queue(rule, null, operator);
        String token = ProviderFakes.telegramBot(Fixtures.unique("bench_bot"));
        ProviderFakes.siteUrl(scenario.admin);
        ApiResponse created = scenario.admin.post("api/v1/channels", Json.createObjectBuilder()
                .add("provider", "TELEGRAM").add("name", Fixtures.unique("bench telegram")).add("active", true)
                .add("queueId", queue).add("language", "en")
                .add("settings", Json.createObjectBuilder().add("botToken", token)).build());
        assertEquals(201, created.status(), created::toString);
        return new Bot(operator, ChatScenario.id(created.object()), token, ProviderFakes.webhookSecret(token));
    }

    @Test
    void webhookToStoredAndThrottledSends() throws Exception {
        ProviderFakes.server();
        ChatScenario scenario = new ChatScenario(base);
        System.out.printf("%nTelegram channel benchmark on %s: %,d updates at %d/s after a warm-up of %,d%n",
                TestSettings.server(), N, RATE, WARMUP);
        if (WARMUP > 0) {
            report("warm-up", ingest(bot(scenario, "LEAST_BUSY"), WARMUP));
        }
        report("measured", ingest(bot(scenario, "LEAST_BUSY"), N));
        throttledMinute(scenario);
    }

    /**
     * The same for Messenger (FB-02): a Facebook channel per phase, events signed with the app secret as Meta signs
     * them, one customer message per event.
     */
    @Test
    void messengerWebhookToStored() throws Exception {
        ProviderFakes.server();
        ChatScenario scenario = new ChatScenario(base);
        String secret = UsedSecrets.remember("bench-app-secret-" + IDS.incrementAndGet());
        scenario.setting("FacebookAppSecret", secret);
        System.out.printf("%nMessenger channel benchmark on %s: %,d messages at %d/s after a warm-up of %,d%n",
                TestSettings.server(), N, RATE, WARMUP);
        if (WARMUP > 0) {
            report("warm-up", ingestMessenger(scenario, secret, WARMUP));
        }
        report("measured", ingestMessenger(scenario, secret, N));
    }

    private Ingest ingestMessenger(ChatScenario scenario, String secret, int n) throws Exception {
        String page = Long.toString(IDS.incrementAndGet());
        String token = UsedSecrets.remember("EAAbench" + page);
        ProviderFakes.server().stubFor(post(urlPathEqualTo("/facebook/v27.0/" + page + "/subscribed_apps"))
                .willReturn(okJson("{\"success\":true}")));
        // Each new customer's name is asked of Graph once, and Meta answers it (a 404 would cost less than a real name).
        ProviderFakes.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/facebook/v27.0/[0-9]+"))
                .willReturn(okJson("{\"first_name\":\"Bench\",\"last_name\":\"Customer\",\"id\":\"1\"}")));
        long queue = scenario.queue("LEAST_BUSY", null, scenario.operator("bench"));
        ApiResponse created = scenario.admin.post("api/v1/channels", Json.createObjectBuilder()
                .add("provider", "FACEBOOK").add("name", Fixtures.unique("bench messenger")).add("active", true)
                .add("queueId", queue).add("language", "en").add("settings", Json.createObjectBuilder()
                        .add("pageId", page).add("pageToken", token)).build());
        assertEquals(201, created.status(), created::toString);
        URI hook = URI.create(base + "hooks/facebook");
        return ingest(ChatScenario.id(created.object()), n, (i, chat, messageId) -> {
            String mid = "m_bench_" + chat + "_" + messageId;
            String body = """
                    {"object":"page","entry":[{"id":"%1$s","time":1765000000500,"messaging":[{"sender":{"id":"%2$d"},\
                    "recipient":{"id":"%1$s"},"timestamp":1765000000123,"message":{"mid":"%3$s",\
                    "text":"question %4$d"}}]}]}""".formatted(page, chat, mid, i);
            return new Post(mid, HttpRequest.newBuilder(hook).header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", Messenger.signature(body, secret))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        });
    }

    private record Ingest(int n, double seconds, List<Long> answerMs, List<Long> storedMs, String bySecond) {
    }

    /** One webhook request of the benchmark: the message's key as stored (its provider id), and the request. */
    private record Post(String key, HttpRequest request) {
    }

    /** How a messenger posts message {@code i}, the {@code messageId}-th of customer {@code chat}. */
    private interface Poster {
        Post post(int i, long chat, int messageId);
    }

    /** Posts n Telegram updates from CUSTOMERS chats at RATE per second. */
    private Ingest ingest(Bot bot, int n) throws Exception {
        URI hook = URI.create(base + "hooks/telegram/" + bot.channelId());
        return ingest(bot.channelId(), n, (i, chat, messageId) -> new Post(chat + ":" + messageId,
                HttpRequest.newBuilder(hook).header("Content-Type", "application/json")
                        .header("X-Telegram-Bot-Api-Secret-Token", bot.secret())
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,\
                                "first_name":"Client","last_name":"%d"},"chat":{"id":%d,"type":"private"},\
                                "date":1764150000,"text":"question %d"}}"""
                                .formatted(IDS.incrementAndGet(), messageId, chat, chat, chat, i))).build()));
    }

    /** Posts n messages at RATE per second; returns the answer and webhook-to-stored times. */
    private Ingest ingest(long channelId, int n, Poster poster) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(java.util.concurrent.Executors.newFixedThreadPool(16))
                .build();
        long firstChat = IDS.addAndGet(CUSTOMERS + 1);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * 1_000_000_000L / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            long chat = firstChat + i % CUSTOMERS;
            int messageId = i / CUSTOMERS + 1;
            Post post = poster.post(i, chat, messageId);
            long sent = System.currentTimeMillis();
            long sentNanos = System.nanoTime();
            sentAt.put(post.key(), sent);
            calls.add(http.sendAsync(post.request(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> answers.add((System.nanoTime() - sentNanos) / 1_000_000)));
        }
        for (CompletableFuture<HttpResponse<Void>> call : calls) {
            assertEquals(200, call.get().statusCode());
        }
        Map<String, Long> stored = await().atMost(ofSeconds(600)).pollInterval(ofMillis(500))
                .until(() -> storedAt(channelId), m -> m.size() >= n);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> latencies = new ArrayList<>();
        java.util.TreeMap<Long, List<Long>> windows = new java.util.TreeMap<>();
        long first = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        sentAt.forEach((key, at) -> {
            long latency = stored.get(key) - at;
            latencies.add(latency);
            windows.computeIfAbsent((at - first) / 5000, w -> new ArrayList<>()).add(latency);
        });
        StringBuilder bySecond = new StringBuilder();
        windows.forEach((window, values) -> bySecond.append(String.format(" %d-%ds %d/%d", window * 5,
                window * 5 + 5, percentile(values, 50), percentile(values, 99))));
        return new Ingest(n, seconds, answers, latencies, bySecond.toString());
    }

    private static Map<String, Long> storedAt(long channelId) throws Exception {
        Map<String, Long> stored = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(TestSettings.databaseUrl(), "sa", "sa");
             PreparedStatement query = connection.prepareStatement("SELECT provider_message_id, stored_at FROM "
                     + "chat_message WHERE channel_id = ? AND direction = 'INBOUND'")) {
            query.setLong(1, channelId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getObject(2, java.time.OffsetDateTime.class).toInstant()
                            .toEpochMilli());
                }
            }
        }
        return stored;
    }

    private static void report(String label, Ingest ingest) {
        System.out.printf("  %-9s %,d updates in %.1f s: webhook answer p50 %d ms, p99 %d ms; "
                        + "webhook to stored p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", label, ingest.n(),
                ingest.seconds(), percentile(ingest.answerMs(), 50), percentile(ingest.answerMs(), 99),
                percentile(ingest.storedMs(), 50), percentile(ingest.storedMs(), 90),
                percentile(ingest.storedMs(), 99), percentile(ingest.storedMs(), 100));
        System.out.println("    webhook to stored by 5 s of sending (p50/p99 ms):" + ingest.bySecond());
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** 30 replies into 5 chats while every sendMessage answers 429 (retry_after 5) for a minute. */
    private void throttledMinute(ChatScenario scenario) throws Exception {
        Bot bot = bot(scenario, "LEAST_BUSY");
        URI hook = URI.create(base + "hooks/telegram/" + bot.channelId());
        List<Long> chats = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            long chatId = IDS.addAndGet(7);
            String text = "throttled customer " + chatId;
            ProviderFakes.postUpdate(hook, bot.secret(), """
                    {"update_id":%d,"message":{"message_id":1,"from":{"id":%d,"is_bot":false,"first_name":"T"},\
                    "chat":{"id":%d,"type":"private"},"date":1764150000,"text":"%s"}}"""
                    .formatted(IDS.incrementAndGet(), chatId, chatId, text));
            long chat = ChatScenario.id(scenario.awaitChat(bot.channelId(), text));
            await().atMost(ofSeconds(20)).until(() -> scenario.status(chat), "ASSIGNED"::equals);
            assertEquals(200, bot.operator().api().post("api/v1/chats/" + chat + "/accept",
                    JsonValue.EMPTY_JSON_OBJECT).status());
            chats.add(chat);
        }
        String send = "/telegram/bot" + bot.token() + "/sendMessage";
        StubMapping throttled = ProviderFakes.server().stubFor(post(urlEqualTo(send)).atPriority(1)
                .willReturn(ProviderFakes.json(429, """
                        {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5",\
                        "parameters":{"retry_after":5}}""")));
        long outageStart = System.currentTimeMillis();
        for (int r = 0; r < 6; r++) {
            for (long chat : chats) {
                ApiResponse sent = bot.operator().api().post("api/v1/chats/" + chat + "/messages",
                        Json.createObjectBuilder().add("text", "reply " + r + " to " + chat)
                                .add("files", Json.createArrayBuilder()).build());
                assertEquals(201, sent.status(), sent::toString);
            }
        }
        long wait = outageStart + 60_000 - System.currentTimeMillis();
        Thread.sleep(Math.max(0, wait)); // the fake's outage lasts a minute; nothing here waits for Switchboard
        ProviderFakes.server().removeStub(throttled);
        long outageEnd = System.currentTimeMillis();
        List<LoggedRequest> during = ProviderFakes.telegramCalls(bot.token(), "sendMessage");
        int duringOutage = during.size();
        await().atMost(ofSeconds(300)).pollInterval(ofMillis(200)).until(() -> chats.stream()
                .allMatch(chat -> scenario.chat(chat).getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                        .filter(m -> "OUTBOUND".equals(m.getString("direction")))
                        .allMatch(m -> "SENT".equals(m.getString("deliveryStatus")))));
        long drained = System.currentTimeMillis();
        List<LoggedRequest> all = ProviderFakes.telegramCalls(bot.token(), "sendMessage");
        Map<String, Integer> accepted = new HashMap<>();
        for (LoggedRequest request : all.subList(duringOutage, all.size())) {
            String text = ProviderFakes.json(request.getBodyAsString()).getString("text");
            accepted.merge(text, 1, Integer::sum);
        }
        System.out.printf("  429 for %d s, 30 replies: %d sendMessage requests during the outage (%.1f/s); "
                        + "all sent %.1f s after it ended, with %d requests; each reply sent %s%n",
                (outageEnd - outageStart) / 1000, duringOutage, duringOutage / ((outageEnd - outageStart) / 1000.0),
                (drained - outageEnd) / 1000.0, all.size() - duringOutage,
                accepted.size() == 30 && accepted.values().stream().allMatch(c -> c == 1) ? "exactly once"
                        : "NOT exactly once: " + accepted);
        assertEquals(30, accepted.size(), accepted::toString);
    }
}
