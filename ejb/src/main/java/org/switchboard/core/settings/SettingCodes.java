package org.switchboard.core.settings;

/** The codes of the system settings the requirements name, spelled as in the source guide. */
public final class SettingCodes {

    /** How many active chats one operator may hold at once, across all channels (CH-08). Integer, default 5. */
    public static final String SIMULTANEOUS_CHATS = "SimultaneousChats";
    /** Minutes an operator has to accept an assigned chat before it is re-assigned (CH-04). Integer, default 5. */
    public static final String OPERATOR_ACCEPT_CHAT_TIMEOUT = "OmniChatOperatorAcceptChatTimeout";
    /** The sound played in the panel on a new chat (CH-09). File, a shipped default. */
    public static final String NOTIFICATION_SOUND = "OmniChatNotificationSound";
    /** The installation's public base URL (TG-01). */
    public static final String SITE_URL = "SiteUrl";
    /** Minutes between automatic mailbox syncs (MB-02). Integer, default 15. */
    public static final String MAILBOX_SYNC_INTERVAL = "MailboxSyncInterval";
    /** The organisation's OAuth 2.0 / OpenID Connect broker (FB-01). */
    public static final String IDENTITY_SERVER_URL = "IdentityServerUrl";
    public static final String IDENTITY_SERVER_CLIENT_ID = "IdentityServerClientId";
    public static final String IDENTITY_SERVER_CLIENT_SECRET = "IdentityServerClientSecret";
    /** FB-*: the Meta app's secret, which signs Messenger's webhook requests. */
    public static final String FACEBOOK_APP_SECRET = "FacebookAppSecret";
    /** FB-*: the string Meta repeats when it verifies the webhook's callback URL. */
    public static final String FACEBOOK_VERIFY_TOKEN = "FacebookVerifyToken";
    /** The organisation's own Google application (GW-01). */
    public static final String GOOGLE_CLIENT_ID = "GoogleClientId";
    public static final String GOOGLE_CLIENT_SECRET = "GoogleClientSecret";
    /** Use the keys from the deployment configuration instead of the two above (GW-01). Boolean, default off. */
    public static final String USE_SHARED_GOOGLE_APPLICATION = "UseSharedGoogleApplication";

    private SettingCodes() {
    }
}
