package org.switchboard.core.inbound;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.events.JmsNames;

/**
 * Puts inbound items on the inbound queue with who submitted them, for the REST gateway and the providers'
 * webhooks, and tells a queued message's submitter. The submitter travels in message properties sealed with the
 * installation's key over the type, version, submitter and body: a producer on the queue cannot claim to be a signed-in
 * user or a webhook, and a message without a valid seal is taken as its JMS producer's (the broker's
 * {@code JMSXUserID}, when it reports one).
 */
@ApplicationScoped
public class InboundQueue {

    static final String SUBMITTED_VIA = "submittedVia";
    static final String SUBMITTED_BY = "submittedBy";
    static final String SEAL = "submitterSeal";
    private static final String PURPOSE = "inbound-submitter";

    @Inject
    private JMSContext jms;

    @Resource(lookup = JmsNames.INBOUND_QUEUE)
    private Queue queue;

    @Inject
    private SecretCipher cipher;

    /** Sends the item in the caller's transaction (if any); it is on the queue, durably, when this returns. */
    public void enqueue(String type, int version, String body, Submitter submitter) {
        JMSProducer producer = jms.createProducer().setJMSType(type)
                .setProperty(JmsNames.VERSION_PROPERTY, version)
                .setProperty(SUBMITTED_VIA, submitter.via().name())
                .setProperty(SEAL, seal(type, version, submitter, body));
        if (submitter.name() != null) {
            producer.setProperty(SUBMITTED_BY, submitter.name());
        }
        producer.send(queue, body);
    }

    /** Who submitted a queued message: the sealed submitter, or else the JMS producer. */
    public Submitter submitter(Message message, String type, int version, String body) throws JMSException {
        String via = message.getStringProperty(SUBMITTED_VIA);
        String seal = message.getStringProperty(SEAL);
        if (via != null && seal != null && body != null) {
            Submitter claimed;
            try {
                claimed = new Submitter(Submitter.Via.valueOf(via), message.getStringProperty(SUBMITTED_BY));
            } catch (IllegalArgumentException e) {
                claimed = null;
            }
            if (claimed != null && MessageDigest.isEqual(seal.getBytes(StandardCharsets.UTF_8),
                    seal(type, version, claimed, body).getBytes(StandardCharsets.UTF_8))) {
                return claimed;
            }
        }
        return Submitter.jms(message.getStringProperty("JMSXUserID"));
    }

    private String seal(String type, int version, Submitter submitter, String body) {
        return cipher.seal(PURPOSE, type + '\n' + version + '\n' + submitter.via() + '\n'
                + (submitter.name() == null ? "" : submitter.name()) + '\n' + (body == null ? "" : body));
    }
}
