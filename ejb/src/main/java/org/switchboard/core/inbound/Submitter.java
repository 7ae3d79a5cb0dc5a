package org.switchboard.core.inbound;

import java.util.Locale;
import org.switchboard.core.common.Callers;

/**
 * Who submitted an inbound item: a signed-in user over {@code POST /api/v1/inbound} (their login), a producer
 * on the JMS queue (the broker's user name when it reports one), a provider's webhook (the provider, authenticated by
 * its signature), or the application itself. Every handler authorizes the item against its submitter, never against
 * names in the body; a replayed dead letter keeps its submitter.
 */
public record Submitter(Via via, String name) {

    /** How an item arrived. */
    public enum Via {
        REST, JMS, WEBHOOK, SYSTEM
    }

    public static Submitter rest(String login) {
        return new Submitter(Via.REST, login);
    }

    /** A JMS producer, by the broker's {@code JMSXUserID} (null when the broker does not report it). */
    public static Submitter jms(String user) {
        return new Submitter(Via.JMS, user == null || user.isBlank() ? null : user.strip());
    }

    /** A provider's webhook, e.g. {@code telegram}: the provider's signature was checked before it was queued. */
    public static Submitter webhook(String provider) {
        return new Submitter(Via.WEBHOOK, provider.toLowerCase(Locale.ROOT));
    }

    public static final Submitter SYSTEM = new Submitter(Via.SYSTEM, null);

    /** A signed-in Switchboard user: their rights apply. */
    public boolean isUser() {
        return via == Via.REST && name != null;
    }

    /**
     * The actor of what the item changes, as the Event log and the events' {@code actor} show it: the user's login
     * over REST, the JMS producer's user name when the broker reports it, otherwise {@value Callers#SYSTEM}.
     */
    public String actor() {
        return name != null && (via == Via.REST || via == Via.JMS) ? name : Callers.SYSTEM;
    }

    /** How a dead letter or an e-mail records it: {@code REST admin}, {@code JMS}, {@code WEBHOOK telegram}. */
    @Override
    public String toString() {
        return name == null ? via.name() : via.name() + " " + name;
    }
}
