package org.switchboard.it.peer;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the peer's messages to Switchboard's inbound queue by its physical name ({@link PeerJms}), each stamped with
 * its send time in {@link PeerState}. Loads run on the server's managed executor, outside any transaction, so every
 * message is on the queue when its send returns; a paced load holds each message until its due time.
 */
@ApplicationScoped
public class PeerSender {

    private static final Logger LOG = Logger.getLogger(PeerSender.class.getName());

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    private ConnectionFactory factory;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    @Inject
    private PeerState state;

    /** Sends one {@code InboundChatMessage} now. */
    void send(long channelId, String messageId, String senderId, String senderName, String text) {
        try (JMSContext jms = factory.createContext()) {
            state.sent(messageId, System.nanoTime());
            inboundProducer(jms).send(inboundQueue(jms), message(channelId, messageId, senderId, senderName, text));
        }
    }

    /** Sends a text message that is no JSON, typed as an {@code InboundChatMessage}: a dead letter to be. */
    void sendRaw(String text) {
        try (JMSContext jms = factory.createContext()) {
            inboundProducer(jms).send(inboundQueue(jms), text);
        }
    }

    /**
     * Sends a text message of any type, version and string properties to a destination by its physical name: the
     * inbound queue as another system's producer would, or the events topic as a stranger publishing there.
     */
    void sendTyped(boolean topic, String destination, String type, int version, String body,
            java.util.Map<String, String> properties) {
        try (JMSContext jms = factory.createContext()) {
            JMSProducer producer = jms.createProducer().setJMSType(type).setProperty(PeerJms.VERSION, version);
            properties.forEach(producer::setProperty);
            producer.send(topic ? jms.createTopic(destination) : jms.createQueue(destination), body);
        }
    }

    /** Starts sending a load and returns at once; {@link PeerState#stats} follows it. */
    void start(PeerRun run) {
        state.add(run);
        run.start(System.nanoTime());
        for (int thread = 0; thread < run.threads(); thread++) {
            int part = thread;
            executor.execute(() -> sendPart(run, part));
        }
    }

    private void sendPart(PeerRun run, int part) {
        try (JMSContext jms = factory.createContext()) {
            Queue queue = inboundQueue(jms);
            JMSProducer producer = inboundProducer(jms);
            double interval = run.rate() > 0 ? 1e9 / run.rate() : 0;
            for (int i = 0; i < run.messages(); i++) {
                int chat = i % run.chats();
                if (chat % run.threads() != part) {
                    continue;
                }
                if (interval > 0) {
                    long due = run.startNanos() + (long) (i * interval);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String messageId = run.messageIds().get(i);
                String body = message(run.channelOf(chat), messageId, run.senderOf(chat), "Load " + chat,
                        "load message " + i);
                state.sent(messageId, System.nanoTime());
                try {
                    producer.send(queue, body);
                } catch (JMSRuntimeException e) {
                    run.sendFailed();
                    LOG.log(Level.WARNING, "Peer could not send " + messageId, e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Peer sender " + part + " of run " + run.id() + " stopped", e);
        } finally {
            run.senderDone();
        }
    }

    private static Queue inboundQueue(JMSContext jms) {
        return jms.createQueue(PeerJms.INBOUND_QUEUE);
    }

    private static JMSProducer inboundProducer(JMSContext jms) {
        return jms.createProducer().setJMSType(PeerJms.INBOUND_CHAT_MESSAGE).setProperty(PeerJms.VERSION, 1);
    }

    private static String message(long channelId, String messageId, String senderId, String senderName,
            String text) {
        JsonObject body = PeerJms.JSON.createObjectBuilder().add("channelId", channelId).add("messageId", messageId)
                .add("sender", PeerJms.JSON.createObjectBuilder().add("id", senderId).add("name", senderName))
                .add("text", text).add("sentAt", Instant.now().toString()).build();
        return body.toString();
    }
}
