package org.switchboard.core.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * One messenger's side of the channels (CH-10, CH-12, TG-*, WA-*, FB-*): what its card checks and registers at the
 * provider, the settings it keeps and shows, how a reply is sent (pieces, limits, outcome), how a customer's file is
 * fetched and which files a reply may carry. A CDI bean in the messenger's own package, picked by {@link #provider()}
 * through {@link ChannelAdapters}; generic chat and channel code never branches on the provider. Adding a messenger is
 * one adapter package, its webhook servlet, its card fragment ({@code /WEB-INF/includes/channel/<provider>.xhtml})
 * and its bundle keys.
 */
public interface ChannelAdapter {

    /** How an operator's reply leaves Switchboard. */
    enum Dispatch {
        /** Handed over in the transaction that stores it (the Custom channels' JMS topic): exactly once. */
        IN_TRANSACTION,
        /** Sent over the provider's API after the commit, outside any transaction, retried until it is taken. */
        AFTER_COMMIT
    }

    /** One provider message of a reply: a text, a file, or a file with the text as its caption. */
    record Part(String text, ChannelDelivery.OutboundFile file) {
    }

    /** A rate limit: at most one send per {@code interval} on {@code key}. */
    record Limit(String key, Duration interval) {
    }

    /** A reason a reply's file is refused: a message key and its arguments, shown on the reply's files. */
    record UploadRefusal(String messageKey, Object... arguments) {
    }

    ChannelProvider provider();

    /** Where the provider stands in the designer's "+" menu (CH-15): lower first. */
    int menuOrder();

    /**
     * Checks the card's provider settings and applies the channel's state at the provider, in the caller's
     * transaction, after the generic checks: a refusal rolls the whole save back.
     *
     * @param created   whether the channel is new (persisted, with its id, in this transaction)
     * @param wasActive whether it was active before this save (false for a new one)
     * @param requestBaseUrl the address the administrator uses, for an empty {@code SiteUrl} (TG-01)
     */
    void saving(Channel channel, boolean created, boolean wasActive, ChannelDraft draft, String requestBaseUrl);

    /**
     * Whether a new channel is made by filling in its card; false when it comes from signing in to the provider
     * (Facebook's pages, FB-02), and its card then starts that sign-in instead.
     */
    default boolean createdFromCard() {
        return true;
    }

    /** Undoes at the provider what the channel registered there (a webhook), before it is deleted. */
    default void deleting(Channel channel) {
    }

    /** The provider settings a card and the REST API may show, never a secret. */
    Map<String, String> visible(Channel channel);

    /** The names of this provider's settings that are stored encrypted and never shown. */
    Set<String> secretSettings();

    /** The credential this provider's webhook requests are checked with; empty when it has no webhook. */
    default Optional<String> webhookSecret(Channel channel) {
        return Optional.empty();
    }

    Dispatch dispatch();

    /**
     * Whether the messenger takes replies only within a window after the customer's last message (Messenger: 24 hours,
     * 7 for a human agent); its deliveries then carry when that was ({@link ChannelDelivery#customerWroteAt()}).
     */
    default boolean answersWithinWindow() {
        return false;
    }

    /** The provider messages of a reply, in order; the same for every attempt, so a retry resumes at its part. */
    List<Part> parts(ChannelDelivery delivery);

    /** Sends one part, once. */
    SendOutcome send(ChannelDelivery delivery, Part part);

    /** The limits a send of this delivery reserves a slot of; the first is the one a 429 pauses. */
    default List<Limit> limits(ChannelDelivery delivery) {
        return List.of();
    }

    /**
     * Fetches a customer's file from the messenger by the source its inbound message gave; empty when the source is
     * not this messenger's.
     *
     * @throws ProviderRefusedException when the messenger refuses or cannot be reached
     */
    default Optional<ChannelFile> fetchFile(Channel channel, String source, String fileName, String contentType) {
        return Optional.empty();
    }

    /**
     * Whether the messenger's messages name no sender, and the name is asked for once, after the first message of a
     * new contact is stored ({@link #senderName}).
     */
    default boolean namesSenders() {
        return false;
    }

    /**
     * The name the messenger gives the sender with this id on this channel; empty when it gives none.
     *
     * @throws ProviderRefusedException when the messenger refuses or cannot be reached
     */
    default Optional<String> senderName(Channel channel, String senderId) {
        return Optional.empty();
    }

    /**
     * Whether a customer's file that arrives as a reference is fetched right after its message is stored, rather than
     * kept by reference: a messenger forgets its files after a while; a Custom channel's URLs are the integration's.
     */
    default boolean fetchesFilesAtOnce() {
        return false;
    }

    /**
     * Whether a channel of this messenger may have an external bot that answers first and hands conversations over
     * (FB-05: Messenger's Conversation Routing); only such an adapter takes {@link ChannelSettings#BOT_APP_ID} (FB-06).
     */
    default boolean offersExternalBot() {
        return false;
    }

    /**
     * Passes the customer's conversation back to the channel's external bot (FB-05), once; outside any transaction.
     *
     * @param note a few words for the bot on why (the chat, how it ended)
     * @throws ProviderRefusedException refused, or worth trying again ({@link ProviderRefusedException#refused()})
     */
    default void passToBot(Channel channel, String customer, String note) {
        throw new ProviderRefusedException(true, provider() + " channels have no external bot");
    }

    /**
     * Takes the customer's conversation from the channel's external bot (FB-05), once; outside any transaction.
     *
     * @throws ProviderRefusedException refused, or worth trying again
     */
    default void takeFromBot(Channel channel, String customer, String note) {
        throw new ProviderRefusedException(true, provider() + " channels have no external bot");
    }

    /** Why the messenger would refuse a file of a reply, checked before anything is stored; empty when it takes it. */
    default Optional<UploadRefusal> uploadRefusal(String fileName, String contentType, long size) {
        return Optional.empty();
    }

    /** Whether {@link #checkAccess} asks the messenger anything (FB-07): channels of such adapters are checked daily. */
    default boolean checksAccess() {
        return false;
    }

    /**
     * Asks the messenger whether it still takes this channel's messages (FB-07, FB-04): the reason when it does not
     * (a withdrawn token or permission, the app no longer subscribed), empty when it does. It may note on the channel
     * what its card should show (another app that also receives the page's messages).
     *
     * @throws ProviderRefusedException not refused, when the messenger cannot be reached or answers 5xx: no verdict
     */
    default Optional<String> checkAccess(Channel channel) {
        return Optional.empty();
    }
}
