package org.switchboard.it.peer;

/**
 * Switchboard's JMS contract ({@code docs/jms.md}) as another application on the same server sees it: by the
 * destinations' physical names only, because Switchboard's {@code java:app/...} names are private to it.
 *
 * <p>What reaches another application's destinations by physical name, on both servers (measured):
 * <ul>
 * <li>Sending: {@code JMSContext.createQueue("switchboardInbound")} / {@code createTopic(...)} on the default
 * connection factory. Payara's OpenMQ takes the name as the physical destination. WildFly's pooled connection
 * factory {@code activemq-ra} has {@code enable-amq1-prefix=true}, so the name becomes the core address
 * {@code jms.queue.switchboardInbound} / {@code jms.topic.switchboardEvents}, which is where WildFly put the
 * application's {@code @JMSDestinationDefinition}s.</li>
 * <li>Receiving: the resource adapters' own activation properties {@code destination} (the physical name) and
 * {@code destinationType}, plus {@code useJNDI=false} for Artemis (the name is not a JNDI name; the adapter adds the
 * 1.x prefix itself). OpenMQ's adapter reads {@code destination} as the physical name and ignores {@code useJNDI}.
 * No {@code destinationLookup}.</li>
 * <li>Not used: a second {@code @JMSDestinationDefinition} with the same {@code destinationName} in this
 * application. WildFly installs a runtime {@code jms-queue} service named after {@code destinationName} for each
 * definition, so a second application defining the same name collides with the first.</li>
 * </ul>
 */
public final class PeerJms {

    public static final String INBOUND_QUEUE = "switchboardInbound";
    public static final String EVENTS_TOPIC = "switchboardEvents";
    public static final String OUTBOUND_TOPIC = "switchboardOutbound";
    public static final String VERSION = "version";
    public static final String INBOUND_CHAT_MESSAGE = "InboundChatMessage";
    public static final String DELIVERY_RECEIPT = "DeliveryReceipt";
    public static final String OUTBOUND_MESSAGE = "OutboundMessage";
    public static final String CHAT_MESSAGE_RECEIVED = "ChatMessageReceived";

    private PeerJms() {
    }
}
