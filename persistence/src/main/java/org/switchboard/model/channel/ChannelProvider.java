package org.switchboard.model.channel;

/** The messenger a channel connects (CH-10); CUSTOM is any messenger integrated over JMS. */
public enum ChannelProvider {
    CUSTOM("Custom (JMS)"), TELEGRAM("Telegram"), WHATSAPP("WhatsApp"), FACEBOOK("Facebook Messenger");

    private final String brand;

    ChannelProvider(String brand) {
        this.brand = brand;
    }

    /** The product's own name, as messages name it. */
    public String brand() {
        return brand;
    }
}
