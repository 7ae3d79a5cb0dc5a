package org.switchboard.model.channel;

/** The messenger a channel connects (CH-10); CUSTOM is any messenger integrated over JMS. */
public enum ChannelProvider {
    CUSTOM, TELEGRAM, WHATSAPP, FACEBOOK
}
