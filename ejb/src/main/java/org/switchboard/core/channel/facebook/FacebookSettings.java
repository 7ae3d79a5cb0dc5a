package org.switchboard.core.channel.facebook;

import java.util.Set;
import org.switchboard.core.channel.ChannelSettings;

/**
 * The names of a Facebook Messenger channel's settings (FB-02, FB-05): the page it answers for, the page's token, and
 * the app id of the external bot that answers first, if any.
 */
public final class FacebookSettings {

    /** The page's id at Facebook: one channel per page. */
    public static final String PAGE_ID = "pageId";
    /** The page's access token, stored encrypted, never shown. */
    public static final String PAGE_TOKEN = "pageToken";
    public static final Set<String> SECRET = Set.of(PAGE_TOKEN);
    /**
     * FB-04: the other apps that also receive the page's messages, as the last check found them ("name (id)", comma
     * separated); absent when none does. Shown on the card.
     */
    public static final String OTHER_APPS = "otherApps";
    /** FB-05: the external bot's app id (the page's primary receiver); not secret. */
    public static final String BOT_APP_ID = ChannelSettings.BOT_APP_ID;
    /** FB-05: whether the card's "an external bot answers first" is on, {@code true} or {@code false}. */
    public static final String EXTERNAL_BOT = ChannelSettings.EXTERNAL_BOT;
    /** A Meta app id: digits only. */
    static final String APP_ID_PATTERN = "\\d{1,30}";
    /** The webhook fields the app is subscribed to on each page. */
    static final String SUBSCRIBED_FIELDS = "messages,messaging_postbacks,messaging_handovers,standby,"
            + "message_deliveries,message_reads";

    private FacebookSettings() {
    }
}
