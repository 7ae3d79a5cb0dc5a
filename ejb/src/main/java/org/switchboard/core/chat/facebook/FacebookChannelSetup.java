package org.switchboard.core.chat.facebook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.broker.BrokerSignIn;
import org.switchboard.core.broker.IdentityBroker;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.core.channel.facebook.FacebookSettings;
import org.switchboard.core.channel.facebook.GraphClient;
import org.switchboard.core.chat.ChannelView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.ProviderException;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Adding Facebook Messenger channels (FB-01, FB-02, FB-03): the administrator signs in to Facebook through the
 * organisation's identity broker, Switchboard lists the pages whose messages they may manage, and one channel is made
 * per page they pick, named after it, inactive, with the queue and language they chose, so that nothing reaches the
 * operators before the administrator has looked at each card and activated it. A page that already has a channel
 * gets its new token instead ("Sign in again" after a withdrawn permission, FB-07).
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
public class FacebookChannelSetup {

    /** The broker's identity provider for Facebook (Keycloak's alias). */
    public static final String BROKER_ALIAS = "facebook";

    @Inject
    private IdentityBroker broker;

    @Inject
    private GraphClient graph;

    @Inject
    private ChatSettingsService chatSettings;

    @Inject
    private SiteUrls siteUrls;

    /** A page offered in the picker: the page, and the channel it already has, if any. */
    public record PageChoice(GraphClient.Page page, Long channelId, String channelName) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** The broker settings that are empty (FB-01): Facebook channels cannot be added until they are filled. */
    public List<String> missingBrokerSettings() {
        return broker.missingSettings();
    }

    /** The callback address given to the broker: under {@code SiteUrl}, or the address in use while it is empty. */
    public String callbackUri(String requestBaseUrl) {
        return siteUrls.under(requestBaseUrl, IdentityBroker.CALLBACK_PATH);
    }

    /** Starts the sign-in to Facebook through the broker: where to send the browser. */
    public BrokerSignIn begin(String requestBaseUrl) {
        return broker.begin(BROKER_ALIAS, callbackUri(requestBaseUrl));
    }

    /**
     * Completes the sign-in and lists the user's pages (FB-02): those whose messages they may manage first, by name;
     * the others are listed too, to be shown as not available, since the picker must say why a page is missing.
     */
    public List<PageChoice> pages(BrokerSignIn signIn, String code) {
        String userToken = broker.providerToken(signIn, code);
        List<GraphClient.Page> pages;
        try {
            pages = graph.pages(userToken);
        } catch (ProviderRefusedException e) {
            throw new ProviderException(e.refused() ? "error.facebook.pagesRefused" : "error.facebook.unavailable",
                    null, e.getMessage());
        }
        Map<String, ChannelView> byPage = new HashMap<>();
        for (ChannelView channel : chatSettings.channels()) {
            if (channel.provider() == ChannelProvider.FACEBOOK
                    && channel.settings().get(FacebookSettings.PAGE_ID) != null) {
                byPage.put(channel.settings().get(FacebookSettings.PAGE_ID), channel);
            }
        }
        List<PageChoice> choices = new ArrayList<>();
        for (GraphClient.Page page : pages) {
            ChannelView channel = byPage.get(page.id());
            choices.add(new PageChoice(page, channel == null ? null : channel.id(),
                    channel == null ? null : channel.name()));
        }
        choices.sort((a, b) -> a.page().messaging() != b.page().messaging() ? a.page().messaging() ? -1 : 1
                : a.page().name().compareToIgnoreCase(b.page().name()));
        return choices;
    }

    /** What {@link #connect} did: the channels made, and those whose page token was renewed. */
    public record Connected(List<ChannelView> created, List<ChannelView> renewed) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * One channel per picked page (FB-02, FB-03), all or none: named after the page (with its id when another
     * channel has the name), inactive, with this queue and language; a page that has a channel renews its token.
     */
    public Connected connect(List<PageChoice> picked, Long queueId, String language) {
        if (picked == null || picked.isEmpty()) {
            throw new InvalidInputException("validation.facebook.noPagePicked", "pages");
        }
        Set<String> names = new HashSet<>();
        chatSettings.channels().forEach(channel -> names.add(channel.name().toLowerCase(Locale.ROOT)));
        List<ChannelView> created = new ArrayList<>();
        List<ChannelView> renewed = new ArrayList<>();
        for (PageChoice choice : picked) {
            GraphClient.Page page = choice.page();
            if (!page.messaging()) {
                throw new InvalidInputException("validation.facebook.noMessagingTask", "pages", page.name());
            }
            Map<String, String> settings = Map.of(FacebookSettings.PAGE_ID, page.id(),
                    FacebookSettings.PAGE_TOKEN, page.token());
            if (choice.channelId() != null) {
                ChannelView channel = chatSettings.channel(choice.channelId());
                renewed.add(chatSettings.updateChannel(channel.id(), channel.version(),
                        new ChannelDraft(ChannelProvider.FACEBOOK, channel.name(), channel.active(),
                                channel.queueId(), channel.language(), settings)));
            } else {
                String name = name(page, names);
                names.add(name.toLowerCase(Locale.ROOT));
                created.add(chatSettings.createChannel(new ChannelDraft(ChannelProvider.FACEBOOK, name, false,
                        queueId, language, settings)));
            }
        }
        return new Connected(created, renewed);
    }

    /** The page's name, or with its id when a channel has that name already. */
    static String name(GraphClient.Page page, Set<String> taken) {
        String name = page.name() == null || page.name().isBlank() ? "Facebook " + page.id() : page.name().strip();
        if (taken.contains(name.toLowerCase(Locale.ROOT))) {
            name = name + " (" + page.id() + ")";
        }
        return name.length() <= 100 ? name : name.substring(0, 100);
    }
}
