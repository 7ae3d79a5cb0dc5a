package org.switchboard.model.chat;

/** The routing rule of a chat queue (CH-03, CH-04). */
public enum RoutingRule {
    TO_ALL, LEAST_BUSY
}
