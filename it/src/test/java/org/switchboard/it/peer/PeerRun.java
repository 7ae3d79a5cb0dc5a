package org.switchboard.it.peer;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load the peer sends: {@code messages} inbound messages over {@code chats} senders, spread round-robin over
 * the channels, at {@code rate} messages a second ({@code 0}: as fast as it can) by {@code threads} senders. Message
 * {@code i} belongs to chat {@code i % chats}; each chat is sent by one thread, so its messages keep their order.
 * Chat {@code c}'s sender is {@code senders + "-c" + c}: a run given the senders and channels of an earlier one
 * writes into that run's open chats; by default the senders are the run's own, so every chat is new.
 */
public final class PeerRun {

    private final String id;
    private final long[] channelIds;
    private final String senders;
    private final int messages;
    private final int chats;
    private final int rate;
    private final int threads;
    private final List<String> messageIds;
    private final AtomicInteger sendersLeft;
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile long startNanos;
    private volatile long compileMillisAtStart;
    private volatile long gcMillisAtStart;
    private volatile long compileMillisAtEnd = -1;
    private volatile long gcMillisAtEnd = -1;

    PeerRun(String id, long[] channelIds, String senders, int messages, int chats, int rate, int threads) {
        this.id = id;
        this.senders = senders == null ? id : senders;
        this.channelIds = channelIds.clone();
        this.messages = messages;
        this.chats = chats;
        this.rate = rate;
        this.threads = threads;
        List<String> ids = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            ids.add(id + "-" + i);
        }
        this.messageIds = Collections.unmodifiableList(ids);
        this.sendersLeft = new AtomicInteger(threads);
    }

    public String id() {
        return id;
    }

    long channelOf(int chat) {
        return channelIds[chat % channelIds.length];
    }

    /** The sender id of a chat: the contact's identity on the channel, and the outbound recipient. */
    String senderOf(int chat) {
        return senders + "-c" + chat;
    }

    int messages() {
        return messages;
    }

    int chats() {
        return chats;
    }

    int rate() {
        return rate;
    }

    int threads() {
        return threads;
    }

    List<String> messageIds() {
        return messageIds;
    }

    long startNanos() {
        return startNanos;
    }

    void start(long nanos) {
        startNanos = nanos;
        compileMillisAtStart = compileMillis();
        gcMillisAtStart = gcMillis();
    }

    /**
     * Milliseconds the server JVM's JIT compilers worked since the run started (the peer runs in the server's JVM):
     * a JVM that still compiles a lot is not warm yet, and its figures are not the steady state.
     */
    long compileMillisSinceStart() {
        return (compileMillisAtEnd >= 0 ? compileMillisAtEnd : compileMillis()) - compileMillisAtStart;
    }

    /** Milliseconds the server JVM spent in garbage collection since the run started. */
    long gcMillisSinceStart() {
        return (gcMillisAtEnd >= 0 ? gcMillisAtEnd : gcMillis()) - gcMillisAtStart;
    }

    /** Stops the JIT and GC clocks of the run, the first time the peer sees its last event. */
    synchronized void finished() {
        if (compileMillisAtEnd < 0) {
            compileMillisAtEnd = compileMillis();
            gcMillisAtEnd = gcMillis();
        }
    }

    private static long compileMillis() {
        var compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    void senderDone() {
        sendersLeft.decrementAndGet();
    }

    boolean sendingDone() {
        return sendersLeft.get() == 0;
    }

    void sendFailed() {
        sendErrors.incrementAndGet();
    }

    long sendErrors() {
        return sendErrors.get();
    }
}
