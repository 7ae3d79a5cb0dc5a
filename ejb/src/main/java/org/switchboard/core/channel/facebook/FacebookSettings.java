package org.switchboard.core.channel.facebook;

import java.util.Set;

/** The names of a Facebook Messenger channel's settings (FB-02): the page it answers for and the page's token. */
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
    /** The webhook fields the app is subscribed to on each page. */
    static final String SUBSCRIBED_FIELDS = "messages,messaging_postbacks,messaging_handovers,standby,"
            + "message_deliveries,message_reads";

    private FacebookSettings() {
    }
}
