package org.switchboard.core.events;

/** The JNDI names of the application's JMS destinations, documented in {@code docs/jms.md}. */
public final class JmsNames {

    /** Domain events published by Switchboard. */
    public static final String EVENTS_TOPIC = "java:app/jms/switchboard/events";
    /** The broker's physical name of the events topic. */
    public static final String EVENTS_TOPIC_PHYSICAL = "switchboardEvents";

    /** Inbound events and requests from other systems: chat messages, delivery receipts. */
    public static final String INBOUND_QUEUE = "java:app/jms/switchboard/inbound";
    /** The broker's physical name of the inbound queue. */
    public static final String INBOUND_QUEUE_PHYSICAL = "switchboardInbound";
    /** Outbound chat messages of channels of the Custom (JMS) provider, for the systems that deliver them. */
    public static final String OUTBOUND_TOPIC = "java:app/jms/switchboard/outbound";
    /** The broker's physical name of the outbound topic. */
    public static final String OUTBOUND_TOPIC_PHYSICAL = "switchboardOutbound";

    /** The int message property that carries the format version of the body. */
    public static final String VERSION_PROPERTY = "version";
    /** The string message property that carries the event's unique id (also in the body). */
    public static final String EVENT_ID_PROPERTY = "eventId";

    private JmsNames() {
    }
}
