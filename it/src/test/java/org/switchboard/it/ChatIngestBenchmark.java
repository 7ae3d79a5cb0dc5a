package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * Chat ingestion benchmark (CH-12, X-03), run only by the Maven profile {@code benchmark} (README): the JMS peer sends
 * inbound messages to the inbound queue, paced at a rate and then in a burst, and times each one from its send to its
 * {@code ChatMessageReceived} event on the events topic. The first two modes write into the chats the warm-up opened
 * (the steady state of a contact centre), the last two into new chats, all of which open in the first half second.
 * Prints throughput and latencies; asserts only that every message was stored once and every event arrived, never a
 * timing.
 *
 * <p>System properties: {@code bench.n} messages a mode (10,000), {@code bench.chats} (500), {@code bench.rate} of
 * the paced mode a second (1,000), {@code bench.warmup} messages sent at that rate before (300,000, five minutes: on
 * two cores the server's JIT compilers need two to three minutes of this load before the server keeps up, and the
 * printed "jit s" shows how much they still did during each mode), {@code bench.operators} (20),
 * {@code bench.threads} of the peer's senders (4), {@code bench.timeout} seconds a mode
 * may take (1,200: WildFly drains the warm-up's backlog for minutes).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatIngestBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.n", 10_000);
    private static final int CHATS = Integer.getInteger("bench.chats", 500);
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 300_000);
    private static final int OPERATORS = Integer.getInteger("bench.operators", 20);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int TIMEOUT_SECONDS = Integer.getInteger("bench.timeout", 1200);
    private static final String CAPACITY = "SimultaneousChats";
    private static final String ACCEPT_TIMEOUT = "OmniChatOperatorAcceptChatTimeout";

    @Deployment(name = "switchboard", order = 1, testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Deployment(name = "peer", order = 2, testable = false)
    static WebArchive peerWar() {
        return Deployments.peer();
    }

    @ArquillianResource
    @OperateOnDeployment("switchboard")
    private URL base;

    @ArquillianResource
    @OperateOnDeployment("peer")
    private URL peerBase;

    private record Result(String mode, String runId, JsonObject stats, long storedMessages, long storedChats) {
    }

    @Test
    @DisplayName("CH-12 X-03 ingestion benchmark: paced and burst loads over JMS, every message stored once")
    void ingest() {
        ChatScenario scenario = new ChatScenario(base);
        Peer peer = new Peer(peerBase);
        Operator[] operators = new Operator[OPERATORS];
        for (int i = 0; i < OPERATORS; i++) {
            operators[i] = scenario.operator("bench");
        }
        long leastBusy = scenario.queue("LEAST_BUSY", null, operators);
        long toAll = scenario.queue("TO_ALL", null, operators);
        // The largest capacity, and no accept timeout within the run: routing must not run out of operators.
        scenario.setting(CAPACITY, "100");
        scenario.setting(ACCEPT_TIMEOUT, "1440");
        List<Result> results = new ArrayList<>();
        try {
            // The warm-up opens the chats that the first two modes write into: a contact centre's steady state.
            long[] open = {scenario.channel(leastBusy, true), scenario.channel(toAll, true)};
            String senders = run(scenario, peer, "warm-up", open, null, WARMUP, Math.min(CHATS, WARMUP), RATE)
                    .runId();
            results.add(run(scenario, peer, "paced, open", open, senders, MESSAGES, CHATS, RATE));
            results.add(run(scenario, peer, "burst, open", open, senders, MESSAGES, CHATS, 0));
            // Every chat new: all of them are opened and routed in the first half second.
            results.add(run(scenario, peer, "paced, new", fresh(scenario, leastBusy, toAll), null, MESSAGES, CHATS,
                    RATE));
            results.add(run(scenario, peer, "burst, new", fresh(scenario, leastBusy, toAll), null, MESSAGES, CHATS,
                    0));
        } finally {
            scenario.restoreDefault(CAPACITY);
            scenario.restoreDefault(ACCEPT_TIMEOUT);
        }
        print(results);
        for (Result result : results) {
            assertEquals(MESSAGES, result.stats().getInt("received"), result.mode() + ": events");
            assertEquals(MESSAGES, result.storedMessages(), result.mode() + ": messages stored");
            assertEquals(CHATS, result.storedChats(), result.mode() + ": chats");
            assertEquals(0, result.stats().getInt("sendErrors"), result.mode() + ": send errors");
        }
    }

    /** Two new channels, one on each queue. */
    private static long[] fresh(ChatScenario scenario, long leastBusy, long toAll) {
        return new long[] {scenario.channel(leastBusy, true), scenario.channel(toAll, true)};
    }

    /**
     * One mode on the channels (half the chats on each queue), until every message's event has arrived; with an
     * earlier run's senders, into that run's chats.
     */
    private Result run(ChatScenario scenario, Peer peer, String mode, long[] channels, String senders, int messages,
            int chats, int rate) {
        long[] before = count(scenario, channels);
        String runId = peer.startRun(channels, senders, messages, chats, rate, THREADS);
        JsonObject stats = Awaitility.await("every ChatMessageReceived event of the " + mode + " run")
                .atMost(ofSeconds(TIMEOUT_SECONDS)).pollInterval(ofMillis(500))
                .until(() -> peer.stats(runId),
                        s -> s.getBoolean("sendingDone") && s.getInt("received") >= s.getInt("sent"));
        long[] after = count(scenario, channels);
        Result result = new Result(mode, runId, stats, after[0] - before[0], after[1]);
        print(List.of(result));
        printSeconds(mode, stats);
        return result;
    }

    /** The messages and the chats of the channels, as the REST API lists them. */
    private static long[] count(ChatScenario scenario, long[] channels) {
        long stored = 0;
        long chatCount = 0;
        for (long channel : channels) {
            for (int first = 0; ; first += 200) {
                JsonObject page = scenario.admin.get("api/v1/chats?channelId=" + channel + "&first=" + first
                        + "&max=200").object();
                List<JsonObject> list = page.getJsonArray("chats").stream().map(JsonValue::asJsonObject).toList();
                stored += list.stream().mapToLong(c -> c.getInt("messageCount")).sum();
                chatCount += list.size();
                if (list.isEmpty() || first + list.size() >= page.getJsonNumber("total").longValue()) {
                    break;
                }
            }
        }
        return new long[] {stored, chatCount};
    }

    private static void print(List<Result> results) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nChat ingestion on %s (peer: %d sender threads; %d operators; paced: %d/s)%n"
                        + "%-14s %8s %6s %8s %9s %9s %8s %8s %8s %8s %8s %8s %7s %7s%n",
                TestSettings.server(), THREADS, OPERATORS, RATE, "mode", "messages", "chats", "seconds", "msgs/s",
                "sent/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "stored", "complete", "jit s", "gc s"));
        for (Result r : results) {
            JsonObject s = r.stats();
            boolean complete = r.storedMessages() == s.getInt("messages") && s.getInt("received") == s.getInt("sent");
            table.append(String.format(Locale.ROOT,
                    "%-14s %8d %6d %8.2f %9.0f %9.0f %8.1f %8.1f %8.1f %8.1f %8d %8s %7.1f %7.1f%n", r.mode(),
                    s.getInt("messages"), r.storedChats(), number(s, "seconds"), number(s, "throughput"),
                    number(s, "sendRate"), number(s, "p50Ms"), number(s, "p90Ms"), number(s, "p99Ms"),
                    number(s, "maxMs"), r.storedMessages(), complete ? "yes" : "NO", number(s, "compileMs") / 1000,
                    number(s, "gcMs") / 1000));
        }
        System.out.println(table);
    }

    /** The latency by second of sending, to see whether a tail is a start-up, a pause or a backlog. */
    private static void printSeconds(String mode, JsonObject stats) {
        if (!stats.containsKey("bySecond")) {
            return;
        }
        StringBuilder line = new StringBuilder(mode + " by second sent (count p50/p99 ms):");
        for (JsonValue value : stats.getJsonArray("bySecond")) {
            JsonObject s = value.asJsonObject();
            line.append(String.format(Locale.ROOT, " [%d: %d %.0f/%.0f]", s.getInt("second"), s.getInt("count"),
                    number(s, "p50Ms"), number(s, "p99Ms")));
        }
        System.out.println(line);
    }

    private static double number(JsonObject stats, String name) {
        return stats.containsKey(name) ? stats.getJsonNumber(name).doubleValue() : Double.NaN;
    }
}
