package org.switchboard.core.channel.facebook;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.SendOutcome;

/**
 * The parts of Meta's Graph API that Facebook Messenger channels use (FB-02, FB-07, CH-12). Every call is made once;
 * retrying is the caller's decision. Tokens are never logged nor put into a reason.
 */
public interface GraphClient {

    /**
     * A Facebook page the signed-in user manages (FB-02).
     *
     * @param token     the page's access token, which sends and subscribes for it
     * @param messaging whether the user may manage the page's messages (the {@code MESSAGING} task)
     */
    record Page(String id, String name, String token, boolean messaging) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Page[" + id + ", " + name + ", messaging=" + messaging + "]";
        }
    }

    /**
     * The pages the user with this token manages ({@code GET /me/accounts}), every page of the answer. Personal
     * profiles are never among them.
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused (a withdrawn permission) or unreachable
     */
    List<Page> pages(String userToken);

    /**
     * Subscribes this installation's app to the page's Messenger webhooks ({@code POST /{page}/subscribed_apps}):
     * messages, postbacks, thread-control changes, standby, deliveries and reads.
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused or unreachable
     */
    void subscribe(String pageId, String pageToken);

    /**
     * A customer's name as Messenger gives it to the page ({@code GET /{PSID}?fields=first_name,last_name}); empty
     * when it gives none.
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused or unreachable
     */
    Optional<String> userName(String pageToken, String psid);

    /**
     * Downloads a customer's file from the URL a webhook gave (Meta's CDN; it expires after a while).
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused, too large, or unreachable
     */
    ChannelFile download(String url, String fileName, String contentType);

    /**
     * Sends a file to a customer ({@code POST /me/messages}, multipart with {@code filedata}): as an image, video or
     * audio attachment by its type, any other as a file.
     */
    SendOutcome sendFile(String pageToken, String recipient, ChannelFile file, String messagingType, String tag);

    /**
     * Sends a text to a customer ({@code POST /me/messages}).
     *
     * @param tag {@code HUMAN_AGENT} with {@code messagingType} {@code MESSAGE_TAG}; null with {@code RESPONSE}
     */
    SendOutcome sendText(String pageToken, String recipient, String text, String messagingType, String tag);

    /** An app subscribed to a page's webhooks, with the fields it receives (FB-04). */
    record SubscribedApp(String id, String name, List<String> fields) {

        /** Whether it receives the page's conversations. */
        public boolean messages() {
            return fields.contains("messages");
        }
    }

    /**
     * The apps subscribed to the page's webhooks ({@code GET /{page}/subscribed_apps}), which also proves that the
     * page token still works and may manage the page (FB-07).
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused (a withdrawn token or permission: then
     *                                                               {@code refused()}) or unreachable
     */
    List<SubscribedApp> subscribedApps(String pageId, String pageToken);

    /**
     * The id of the app a token was given to ({@code GET /app}): this installation's app, for the page tokens it holds.
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused or unreachable
     */
    String appId(String token);
    /**
     * Passes the customer's conversation to another app of the page (FB-05: back to the external bot once a chat is
     * finished; {@code POST /me/pass_thread_control}).
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused ({@code refused()}), or throttled or
     *                                                               unreachable (worth trying again)
     */
    void passThreadControl(String pageToken, String recipient, String targetAppId, String metadata);

    /**
     * Takes the customer's conversation from the app that holds it (FB-05: an operator takes a dialog from the
     * external bot; {@code POST /me/take_thread_control}).
     *
     * @throws org.switchboard.core.channel.ProviderRefusedException refused, throttled or unreachable
     */
    void takeThreadControl(String pageToken, String recipient, String metadata);
}
