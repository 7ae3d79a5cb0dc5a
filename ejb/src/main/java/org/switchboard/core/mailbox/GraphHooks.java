package org.switchboard.core.mailbox;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.exchange.GraphNotifications;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.mailbox.MailboxFolder;

/**
 * MP-11: what Microsoft Graph posts about the subscriptions of Microsoft 365 folders, at {@value #PATH} (changes) and
 * {@value #LIFECYCLE_PATH} (lifecycle) under {@code SiteUrl}. A notification is checked against its subscription's
 * clientState (in constant time, by {@link GraphNotifications}) and then only asks for a sync of its mailbox: it is
 * never trusted as content; the delta sync reads what changed. {@code reauthorizationRequired} makes the mailbox's
 * next sync renew the subscription, {@code subscriptionRemoved} makes it subscribe again, {@code missed} just syncs.
 * Unknown or forged notifications change nothing.
 */
@Stateless
@PermitAll
public class GraphHooks {

    public static final String PATH = "/hooks/microsoft/graph";
    public static final String LIFECYCLE_PATH = PATH + "/lifecycle";
    private static final Logger LOG = Logger.getLogger(GraphHooks.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private SecretCipher cipher;

    @Inject
    private Clock clock;

    @Inject
    private MailboxSyncService syncs;

    @Inject
    private GraphHooks self;

    @Inject
    private SystemSettings settings;

    /** The answer to Graph's validation request (the token, decoded once), or empty for a notification. */
    public Optional<String> validation(String rawQuery) {
        return GraphNotifications.validationAnswer(rawQuery);
    }

    /**
     * Takes a batch of change or lifecycle notifications and asks for a sync of each mailbox they concern, after
     * this method's transaction has committed what the lifecycle events change.
     *
     * @return how many mailboxes are asked for
     * @throws org.switchboard.core.channel.WebhookRefusedException 400 for a body that is not Graph's
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int notified(String body) {
        Set<Long> mailboxes = self.read(body);
        mailboxes.forEach(syncs::requestNow);
        return mailboxes.size();
    }

    /** Reads and checks the batch, applies its lifecycle events; returns the mailboxes to sync. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<Long> read(String body) {
        Map<String, MailboxFolder> folders = new HashMap<>();
        GraphNotifications.Batch batch = GraphNotifications.parse(body, id -> {
            MailboxFolder folder = folders.computeIfAbsent(id, this::folder);
            return folder == null || folder.getSubscriptionSecret() == null ? null
                    : cipher.decrypt(folder.getSubscriptionSecret());
        });
        Set<Long> mailboxes = new LinkedHashSet<>();
        for (GraphNotifications.ChangeNotification change : batch.changes()) {
            mailboxes.add(folders.get(change.subscriptionId()).getMailbox().getId());
        }
        for (GraphNotifications.LifecycleNotification event : batch.lifecycle()) {
            MailboxFolder folder = folders.get(event.subscriptionId());
            mailboxes.add(folder.getMailbox().getId());
            switch (event.event()) {
                case REAUTHORIZATION_REQUIRED -> em.createNamedQuery(MailboxFolder.SET_SUBSCRIPTION_EXPIRY)
                        .setParameter("subscriptionId", event.subscriptionId())
                        .setParameter("expiresAt", OffsetDateTime.now(clock)).executeUpdate();
                case SUBSCRIPTION_REMOVED -> em.createNamedQuery(MailboxFolder.SET_SUBSCRIPTION)
                        .setParameter("id", folder.getId()).setParameter("subscriptionId", null)
                        .setParameter("secret", null).setParameter("expiresAt", null)
                        .setParameter("refusedAt", null).executeUpdate();
                case MISSED -> LOG.info(() -> "Graph missed notifications of subscription " + event.subscriptionId()
                        + "; mailbox " + folder.getMailbox().getId() + " syncs now");
            }
        }
        if (batch.dropped() > 0) {
            LOG.warning(() -> batch.dropped() + " Graph notification(s) without a matching clientState were dropped");
        }
        return mailboxes;
    }

    private MailboxFolder folder(String subscriptionId) {
        List<MailboxFolder> found = em.createNamedQuery(MailboxFolder.BY_SUBSCRIPTIONS, MailboxFolder.class)
                .setParameter("ids", List.of(subscriptionId)).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** What the provider form says of the address Graph would post notifications to (MP-11). */
    public enum Listener {
        /** SiteUrl is a public https address and its webhook answered Graph's validation handshake. */
        READY,
        /** SiteUrl is empty, not https, or names this machine or a private network: polling only. */
        NOT_CONFIGURED,
        /** SiteUrl is public https but its webhook did not answer the handshake from here. */
        NOT_REACHABLE
    }

    /**
     * MP-11: whether Graph's change notifications can reach this installation: {@code SiteUrl} is a public https
     * address, and a validation handshake sent there (as Graph sends one) is echoed within 3 seconds.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Listener listener() {
        String site = settings.text(SettingCodes.SITE_URL).map(String::strip).orElse("");
        if (!publicHttps(site)) {
            return Listener.NOT_CONFIGURED;
        }
        String token = "Switchboard listener check " + UUID.randomUUID();
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(URI.create(site.replaceAll("/+$", "") + PATH + "?validationToken="
                            + URLEncoder.encode(token, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(3))
                            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return answer.statusCode() == 200 && token.equals(answer.body()) ? Listener.READY : Listener.NOT_REACHABLE;
        } catch (IOException | IllegalArgumentException e) {
            return Listener.NOT_REACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Listener.NOT_REACHABLE;
        }
    }

    /**
     * MP-11: whether an address can receive Graph's notifications: https, and a host that is not this machine or a
     * private network's (Graph posts from the internet).
     */
    public static boolean publicHttps(String url) {
        try {
            URI uri = URI.create(url.strip());
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return "https".equalsIgnoreCase(uri.getScheme()) && !host.isEmpty() && !host.equals("localhost")
                    && !host.endsWith(".localhost") && !host.endsWith(".local") && !host.endsWith(".internal")
                    && !host.startsWith("127.") && !host.startsWith("10.") && !host.startsWith("192.168.")
                    && !host.matches("172\\.(1[6-9]|2\\d|3[01])\\..*") && !host.equals("[::1]");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
