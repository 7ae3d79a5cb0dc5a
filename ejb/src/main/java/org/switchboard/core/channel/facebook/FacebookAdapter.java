package org.switchboard.core.channel.facebook;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelDelivery;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ChannelFlags;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.ReplyParts;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.common.TransactionEnd;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Facebook Messenger channels (FB-02, FB-03, CH-10): one channel per Facebook page. A channel is created by signing in
 * to Facebook through the identity broker and picking pages ({@link FacebookChannelSetup}), never from an empty card,
 * since its page token comes from Facebook; its card then sets the queue, the language and whether it is active.
 * Replies go out with {@code POST /me/messages} in pieces of 2,000 characters (Messenger's limit), then each file as
 * an attachment (up to 25 MB), within Messenger's messaging window and Meta's rate limits.
 */
@ApplicationScoped
public class FacebookAdapter implements ChannelAdapter {

    /** Messenger's standard messaging window after the customer's last message. */
    static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    /** The window of a human agent's reply ({@code HUMAN_AGENT} tag). */
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    /** Messenger's longest text message. */
    static final int TEXT_MAX = 2_000;
    /** Meta's sending guidance: about 250 requests a second per page (Send API rate limits); kept well below. */
    private static final Duration PER_PAGE = Duration.ofMillis(10);
    /** The prefix of a Facebook channel's account key: one channel per page (FB-04). */
    public static final String ACCOUNT_PREFIX = "FACEBOOK:";

    private static final Logger LOG = Logger.getLogger(FacebookAdapter.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private GraphClient graph;

    @Inject
    private ChannelSecrets secrets;

    @Inject
    private Clock clock;

    @Inject
    private ChannelFlags flags;

    @Inject
    private FacebookPages pages;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Override
    public ChannelProvider provider() {
        return ChannelProvider.FACEBOOK;
    }

    @Override
    public int menuOrder() {
        return 30;
    }

    @Override
    public Set<String> secretSettings() {
        return FacebookSettings.SECRET;
    }

    @Override
    public boolean createdFromCard() {
        return false;
    }

    /**
     * A page and its token come from the page picker (FB-02), or from a REST caller that has them: the app is
     * subscribed to the page's webhooks with that token, which proves it, and the page may belong to no other
     * channel. A save without them keeps what the channel has; a new channel without them is refused with where
     * Facebook channels are added.
     */
    @Override
    public void saving(Channel channel, boolean created, boolean wasActive, ChannelDraft draft,
            String requestBaseUrl) {
        page(channel, created, draft);
        externalBot(channel, draft);
    }

    /**
     * FB-05: "an external bot answers first" with the bot's app id (digits, required while on). A draft that says
     * nothing of it keeps what the channel has; the webhook learns of a change at once on this node, within
     * {@link FacebookPages#TTL_NANOS} on the others.
     */
    private void externalBot(Channel channel, ChannelDraft draft) {
        String flag = draft.setting(FacebookSettings.EXTERNAL_BOT);
        String appId = draft.setting(FacebookSettings.BOT_APP_ID);
        if (flag == null && appId == null) {
            return;
        }
        boolean on = flag == null || Boolean.parseBoolean(flag);
        if (on && appId == null) {
            throw new InvalidInputException("validation.facebook.botAppIdRequired", FacebookSettings.BOT_APP_ID);
        }
        if (on && !appId.matches(FacebookSettings.APP_ID_PATTERN)) {
            throw new InvalidInputException("validation.facebook.botAppIdDigits", FacebookSettings.BOT_APP_ID);
        }
        String before = channel.getProperties().get(FacebookSettings.BOT_APP_ID);
        secrets.put(channel, FacebookSettings.BOT_APP_ID, on ? appId : null);
        if (!Objects.equals(before, on ? appId : null)) {
            pages.forgetOnCompletion();
            LOG.info(() -> "Facebook channel " + channel.getId() + (on ? ": external bot " + appId + " answers first"
                    : ": no external bot"));
        }
    }

    private void page(Channel channel, boolean created, ChannelDraft draft) {
        String pageId = draft.setting(FacebookSettings.PAGE_ID);
        String token = draft.setting(FacebookSettings.PAGE_TOKEN);
        if (pageId == null || token == null) {
            if (created || secrets.get(channel, FacebookSettings.PAGE_TOKEN).isEmpty()) {
                throw new RuleViolationException("error.facebook.signInToAdd", null);
            }
            return;
        }
        String stored = channel.getProperties().get(FacebookSettings.PAGE_ID);
        if (stored != null && !stored.equals(pageId)) {
            throw new RuleViolationException("error.facebook.otherPage", FacebookSettings.PAGE_ID, stored);
        }
        em.createNamedQuery(Channel.BY_PROVIDER, Channel.class).setParameter("provider", ChannelProvider.FACEBOOK)
                .getResultStream().filter(other -> !other.equals(channel))
                .filter(other -> pageId.equals(other.getProperties().get(FacebookSettings.PAGE_ID))).findFirst()
                .ifPresent(other -> {
                    throw new RuleViolationException("error.facebook.pageTaken", FacebookSettings.PAGE_ID,
                            pageId, other.getName());
                });
        try {
            graph.subscribe(pageId, token);
        } catch (ProviderRefusedException e) {
            if (e.refused()) {
                throw new InvalidInputException("validation.facebook.subscribeRefused", FacebookSettings.PAGE_TOKEN,
                        channel.getName(), e.getMessage());
            }
            throw new ProviderException("error.facebook.unavailable", null, e.getMessage());
        }
        secrets.put(channel, FacebookSettings.PAGE_ID, pageId);
        secrets.put(channel, FacebookSettings.PAGE_TOKEN, token);
        // The unique account key makes the second of two simultaneous connections of one page fail, not duplicate it.
        channel.setAccountKey(ACCOUNT_PREFIX + pageId);
        channel.setAccessCheckedAt(OffsetDateTime.now(clock));
        TransactionEnd.afterCommit(transactions, pages::forget);
        LOG.info(() -> "Facebook channel " + channel.getId() + " subscribed to page " + pageId);
        // A new token, subscribed just now: the access is back (FB-07), and the card says who else gets the messages.
        if (!created) {
            flags.clear(channel);
        }
        try {
            checkAccess(channel).ifPresent(reason -> LOG.warning(() -> "Facebook channel " + channel.getName()
                    + " subscribed, but its check says: " + reason));
        } catch (ProviderRefusedException e) {
            LOG.fine(() -> "The apps of page " + pageId + " could not be read: " + e.getMessage());
        }
    }

    @Override
    public boolean checksAccess() {
        return true;
    }

    /**
     * FB-07, FB-04: the page's subscribed apps, read with its token, which proves the token and the page-management
     * permission; this installation's app (the token's) must be among them with the messages field. The other apps
     * that receive the page's messages are noted for the card: Messenger gives each conversation to one of them
     * (Conversation Routing), so the card says who competes for them.
     */
    @Override
    public Optional<String> checkAccess(Channel channel) {
        Optional<String> token = secrets.get(channel, FacebookSettings.PAGE_TOKEN);
        String pageId = channel.getProperties().get(FacebookSettings.PAGE_ID);
        if (token.isEmpty() || pageId == null) {
            return Optional.of("The channel has no page token: sign in to Facebook again on its card");
        }
        List<GraphClient.SubscribedApp> apps;
        String ours;
        try {
            apps = graph.subscribedApps(pageId, token.get());
            ours = graph.appId(token.get());
        } catch (ProviderRefusedException e) {
            if (!e.refused()) {
                throw e;
            }
            return Optional.of("Facebook refused the page's token: " + e.getMessage()
                    + ". Sign in to Facebook again on the channel's card");
        }
        List<String> others = apps.stream().filter(app -> !app.id().equals(ours) && app.messages())
                .map(app -> (app.name().isBlank() ? "?" : app.name()) + " (" + app.id() + ")").toList();
        secrets.put(channel, FacebookSettings.OTHER_APPS, others.isEmpty() ? null : String.join(", ", others));
        boolean subscribed = apps.stream().anyMatch(app -> app.id().equals(ours) && app.messages());
        return subscribed ? Optional.empty() : Optional.of("This installation's app (" + ours + ") no longer "
                + "receives the messages of page " + pageId + ": it was unsubscribed from the page, or another "
                + "installation took it. Sign in to Facebook again on the channel's card to take the page back");
    }

    /**
     * The card shows the page's id, the other apps that receive its messages (FB-04), and the external bot's app id,
     * with whether it answers first (FB-05).
     */
    @Override
    public Map<String, String> visible(Channel channel) {
        Map<String, String> shown = secrets.shown(channel, FacebookSettings.PAGE_ID, FacebookSettings.OTHER_APPS,
                FacebookSettings.BOT_APP_ID);
        if (shown.containsKey(FacebookSettings.BOT_APP_ID)) {
            shown.put(FacebookSettings.EXTERNAL_BOT, "true");
        }
        return shown;
    }

    /** FB-05, FB-06: Messenger's Conversation Routing lets a bot answer first; Switchboard is the secondary app. */
    @Override
    public boolean offersExternalBot() {
        return true;
    }

    /** FB-05: {@code pass_thread_control} to the bot's app id, with the page's token. */
    @Override
    public void passToBot(Channel channel, String customer, String note) {
        String appId = channel.getProperties().get(FacebookSettings.BOT_APP_ID);
        if (appId == null) {
            throw new ProviderRefusedException(true, "Channel " + channel.getName() + " has no external bot");
        }
        graph.passThreadControl(pageToken(channel), customer, appId, note);
    }

    /** FB-05: {@code take_thread_control} from the bot, with the page's token. */
    @Override
    public void takeFromBot(Channel channel, String customer, String note) {
        graph.takeThreadControl(pageToken(channel), customer, note);
    }

    private String pageToken(Channel channel) {
        return secrets.get(channel, FacebookSettings.PAGE_TOKEN).orElseThrow(() -> new ProviderRefusedException(true,
                "Channel " + channel.getName() + " has no page token: sign in to Facebook again"));
    }

    @Override
    public Dispatch dispatch() {
        return Dispatch.AFTER_COMMIT;
    }

    @Override
    public List<Part> parts(ChannelDelivery delivery) {
        // Messenger's attachments have no caption: the text goes first, then each file.
        return ReplyParts.of(delivery, TEXT_MAX, -1);
    }

    @Override
    public boolean answersWithinWindow() {
        return true;
    }

    /** How a reply may go, by the time since the customer's last message (Messenger's messaging window). */
    enum Window {
        /** Within 24 hours: a standard response. */
        RESPONSE,
        /** Within 7 days: tagged as a human agent's answer. */
        HUMAN_AGENT,
        /** Later: Messenger takes no reply. */
        CLOSED;

        static Window after(Duration sinceCustomerWrote) {
            if (sinceCustomerWrote == null || sinceCustomerWrote.compareTo(STANDARD_WINDOW) <= 0) {
                return RESPONSE;
            }
            return sinceCustomerWrote.compareTo(HUMAN_AGENT_WINDOW) <= 0 ? HUMAN_AGENT : CLOSED;
        }
    }

    /**
     * A text as a {@code RESPONSE} within 24 hours of the customer's last message, as {@code MESSAGE_TAG}
     * {@code HUMAN_AGENT} up to 7 days; later, a failure that says why, since Messenger would refuse it.
     */
    @Override
    public SendOutcome send(ChannelDelivery delivery, Part part) {
        Duration since = delivery.customerWroteAt() == null ? null
                : Duration.between(delivery.customerWroteAt(), OffsetDateTime.now(clock));
        String token = delivery.settings().get(FacebookSettings.PAGE_TOKEN);
        Window window = Window.after(since);
        if (window == Window.CLOSED) {
            return new SendOutcome.Failed("The customer last wrote " + since.toDays() + " days ago: Messenger takes "
                    + "replies for 7 days after a customer's message, so this one cannot be sent");
        }
        String type = window == Window.RESPONSE ? "RESPONSE" : "MESSAGE_TAG";
        String tag = window == Window.RESPONSE ? null : "HUMAN_AGENT";
        if (part.file() == null) {
            return graph.sendText(token, delivery.recipient(), part.text(), type, tag);
        }
        ChannelDelivery.OutboundFile file = part.file();
        if (file.content() == null) {
            return new SendOutcome.Failed("The file " + file.fileName() + " is a link only: share the link instead");
        }
        return graph.sendFile(token, delivery.recipient(), new ChannelFile(file.fileName(), file.contentType(),
                file.content()), type, tag);
    }

    @Override
    public List<Limit> limits(ChannelDelivery delivery) {
        return List.of(new Limit("facebook:" + delivery.channelId(), PER_PAGE));
    }

    /** Messenger's events carry only the customer's page-scoped id: the name is asked for once. */
    @Override
    public boolean namesSenders() {
        return true;
    }

    @Override
    public Optional<String> senderName(Channel channel, String senderId) {
        return secrets.get(channel, FacebookSettings.PAGE_TOKEN).flatMap(token -> graph.userName(token, senderId));
    }

    /** A customer's file by its {@code facebook:} source: Meta's CDN URL, downloaded before it expires. */
    @Override
    public Optional<ChannelFile> fetchFile(Channel channel, String source, String fileName, String contentType) {
        if (!source.startsWith(FacebookEvents.FILE_SCHEME)) {
            return Optional.empty();
        }
        return Optional.of(graph.download(source.substring(FacebookEvents.FILE_SCHEME.length()), fileName,
                contentType));
    }

    @Override
    public boolean fetchesFilesAtOnce() {
        return true;
    }

    /** Messenger takes attachments of up to 25 MB. */
    @Override
    public Optional<UploadRefusal> uploadRefusal(String fileName, String contentType, long size) {
        return size > HttpGraphClient.DOWNLOAD_MAX_BYTES
                ? Optional.of(new UploadRefusal("validation.facebook.fileTooLarge", fileName, 25))
                : Optional.empty();
    }
}
