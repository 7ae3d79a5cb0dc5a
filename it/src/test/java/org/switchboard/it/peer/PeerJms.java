package org.switchboard.it.peer;

import jakarta.json.spi.JsonProvider;

/**
 * Switchboard's JMS contract ({@code docs/jms.md}) as another application on the same server sees it: by the
 * destinations' physical names only, because Switchboard's {@code java:app/...} names are private to it.
 *
 * <p>What reaches another application's destinations by physical name (verified on Payara 6.2025.9 and WildFly 39 by
 * {@code CustomJmsChannelIT}):
 * <ul>
 * <li>Sending: {@code JMSContext.createQueue("switchboardInbound")} on {@code java:comp/DefaultJMSConnectionFactory}.
 * OpenMQ takes the name as the physical destination. WildFly's pooled connection factory {@code activemq-ra} adds the
 * Artemis 1.x prefix ({@code enable-amq1-prefix}, on by default): the address {@code jms.queue.switchboardInbound},
 * where WildFly put the application's {@code @JMSDestinationDefinition}.</li>
 * <li>Receiving: the adapters' own activation properties {@code destination} (the physical name) and
 * {@code destinationType}, no {@code destinationLookup}; plus {@code useJNDI=false} for Artemis, which then adds the
 * {@code jms.topic.} prefix itself. OpenMQ ignores {@code useJNDI} with a warning at deployment (RAR8000, RAR7097).</li>
 * <li>Not used: a second {@code @JMSDestinationDefinition} with the same {@code destinationName}. WildFly installs a
 * runtime {@code jms-queue}/{@code jms-topic} service named after {@code destinationName} for every definition
 * (its {@code JMSDestinationDefinitionInjectionSource}), so two applications would define the same service.</li>
 * </ul>
 */
public final class PeerJms {

    /** One JSON-P provider: {@code Json.create*} looks it up through ServiceLoader on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    public static final String INBOUND_QUEUE = "switchboardInbound";
    public static final String EVENTS_TOPIC = "switchboardEvents";
    public static final String OUTBOUND_TOPIC = "switchboardOutbound";
    public static final String VERSION = "version";
    public static final String INBOUND_CHAT_MESSAGE = "InboundChatMessage";
    public static final String DELIVERY_RECEIPT = "DeliveryReceipt";
    public static final String OUTBOUND_MESSAGE = "OutboundMessage";
    public static final String CHAT_MESSAGE_RECEIVED = "ChatMessageReceived";
    public static final String EMAIL_RECEIVED = "EmailReceived";
    public static final String EMAIL_SENT = "EmailSent";
    /** The string property every event carries, the same as its body's {@code eventId}. */
    public static final String EVENT_ID = "eventId";

    private PeerJms() {
    }
}
