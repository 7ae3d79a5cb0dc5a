package org.switchboard.it.peer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the peer has seen, in memory: when each inbound message was sent and when its {@code ChatMessageReceived}
 * event arrived (both {@link System#nanoTime()} of this JVM, the server's), the runs of a load, the
 * {@code OutboundMessage}s Switchboard handed over, and the e-mail events. Everything is keyed by an idempotency key,
 * so a redelivered message or event counts once.
 */
@ApplicationScoped
public class PeerState {

    private final ConcurrentMap<String, Long> sentAt = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> eventAt = new ConcurrentHashMap<>();
    private final AtomicLong repeatedEvents = new AtomicLong();
    private final ConcurrentMap<String, PeerRun> runs = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, JsonObject> outbound = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, JsonObject> events = new ConcurrentHashMap<>();

    void sent(String messageId, long nanos) {
        sentAt.put(messageId, nanos);
    }

    void eventArrived(String providerMessageId, long nanos) {
        if (eventAt.putIfAbsent(providerMessageId, nanos) != null) {
            repeatedEvents.incrementAndGet();
        }
    }

    void outbound(JsonObject message) {
        outbound.putIfAbsent(message.getJsonNumber("messageId").longValue(), message);
    }

    /** A whole event as received: {@code jmsType}, {@code version}, {@code eventId} (properties) and {@code body}. */
    void event(JsonObject received) {
        events.putIfAbsent(received.getJsonObject("body").getString("eventId"), received);
    }

    /** The events of a JMS type received so far, in no particular order. */
    JsonArrayBuilder eventsOf(String jmsType) {
        JsonArrayBuilder list = PeerJms.JSON.createArrayBuilder();
        events.values().stream().filter(e -> jmsType.equals(e.getString("jmsType"))).forEach(list::add);
        return list;
    }

    void add(PeerRun run) {
        runs.put(run.id(), run);
    }

    PeerRun run(String id) {
        return runs.get(id);
    }

    /** The outbound messages of a chat, in Switchboard's id order. */
    JsonArrayBuilder outboundOf(long chatId) {
        JsonArrayBuilder list = PeerJms.JSON.createArrayBuilder();
        outbound.entrySet().stream().filter(e -> e.getValue().getJsonNumber("chatId").longValue() == chatId)
                .sorted(Map.Entry.comparingByKey()).forEach(e -> list.add(e.getValue()));
        return list;
    }

    /** Counts, throughput (first send to last event) and latency percentiles (send to event) of a run. */
    JsonObject stats(PeerRun run) {
        List<String> ids = run.messageIds();
        long[] latencies = new long[ids.size()];
        int sent = 0;
        int received = 0;
        long firstSend = Long.MAX_VALUE;
        long lastSend = Long.MIN_VALUE;
        long lastEvent = Long.MIN_VALUE;
        for (String id : ids) {
            Long send = sentAt.get(id);
            if (send == null) {
                continue;
            }
            sent++;
            firstSend = Math.min(firstSend, send);
            lastSend = Math.max(lastSend, send);
            Long event = eventAt.get(id);
            if (event != null) {
                latencies[received++] = event - send;
                lastEvent = Math.max(lastEvent, event);
            }
        }
        if (run.sendingDone() && received >= sent) {
            run.finished();
        }
        long[] sorted = Arrays.copyOf(latencies, received);
        Arrays.sort(sorted);
        JsonArrayBuilder perSecond = PeerJms.JSON.createArrayBuilder();
        if (received > 0) {
            bySendSecond(ids, firstSend).forEach(perSecond::add);
        }
        JsonObjectBuilder stats = PeerJms.JSON.createObjectBuilder().add("id", run.id()).add("messages", ids.size())
                .add("chats", run.chats()).add("rate", run.rate()).add("sent", sent).add("received", received)
                .add("sendErrors", run.sendErrors()).add("sendingDone", run.sendingDone())
                .add("repeatedEvents", repeatedEvents.get())
                .add("compileMs", run.compileMillisSinceStart()).add("gcMs", run.gcMillisSinceStart());
        if (sent > 0) {
            double sendSeconds = (lastSend - firstSend) / 1e9;
            stats.add("sendSeconds", sendSeconds).add("sendRate", sendSeconds > 0 ? sent / sendSeconds : 0);
        }
        if (received > 0) {
            double seconds = (lastEvent - firstSend) / 1e9;
            stats.add("seconds", seconds).add("throughput", seconds > 0 ? received / seconds : 0)
                    .add("p50Ms", percentile(sorted, 0.50)).add("p90Ms", percentile(sorted, 0.90))
                    .add("p99Ms", percentile(sorted, 0.99)).add("maxMs", sorted[received - 1] / 1e6)
                    .add("bySecond", perSecond);
        }
        return stats.build();
    }

    /** Per second of sending: how many were sent in it, and their p50 and p99 latency, so a tail can be placed. */
    private List<JsonObject> bySendSecond(List<String> ids, long firstSend) {
        Map<Long, List<Long>> buckets = new TreeMap<>();
        for (String id : ids) {
            Long send = sentAt.get(id);
            Long event = eventAt.get(id);
            if (send != null && event != null) {
                buckets.computeIfAbsent((send - firstSend) / 1_000_000_000L, k -> new ArrayList<>()).add(event - send);
            }
        }
        List<JsonObject> rows = new ArrayList<>();
        buckets.forEach((second, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            rows.add(PeerJms.JSON.createObjectBuilder().add("second", second).add("count", sorted.length)
                    .add("p50Ms", percentile(sorted, 0.50)).add("p99Ms", percentile(sorted, 0.99)).build());
        });
        return rows;
    }

    /** Nearest rank, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
