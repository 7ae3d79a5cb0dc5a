package org.switchboard.core.exchange;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Logger;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.mail.MailProviderRules;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.mailbox.MailboxToken;

/**
 * The tokens of the mailboxes signed in with Microsoft (MO-01, MO-02), encrypted at rest. {@link #accessToken} hands a
 * sync or a send a token that lasts at least {@link MicrosoftTokens#REFRESH_MARGIN}, refreshing it when it would not:
 * the refresh locks the mailbox's token row, looks again (another node may have refreshed meanwhile), asks Entra ID,
 * and saves the new access token and the rotated refresh token in that one transaction, so that two nodes refreshing
 * at once never lose the refresh token Entra ID rotated. When Entra ID says the grant is gone, the mailbox is flagged
 * "sign in again" once, its owner is told ({@link MailboxSignInNeeded}) and its sync pauses; the caller gets the
 * {@link EntraException}. No token is logged.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MicrosoftTokenStore {

    private static final Logger LOG = Logger.getLogger(MicrosoftTokenStore.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private SecretCipher cipher;

    @Inject
    private MicrosoftOAuth oauth;

    @Inject
    private EventOutbox outbox;

    @Inject
    private Clock clock;

    @Inject
    private MicrosoftTokenStore self;

    /** The Entra ID application of a provider signed in with OAuth 2.0 (MO-01), its secret decrypted. */
    public EntraApp app(MailProvider provider) {
        return new EntraApp(provider.getOauthTenant(), provider.getOauthClientId(),
                provider.getOauthClientSecret() == null ? null : cipher.decrypt(provider.getOauthClientSecret()));
    }

    /**
     * Stores the tokens a sign-in issued, in the caller's transaction (the one that creates or reconnects the
     * mailbox), replacing any earlier ones.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void save(long mailboxId, MicrosoftTokens tokens) {
        MailboxToken row = em.find(MailboxToken.class, mailboxId, LockModeType.PESSIMISTIC_WRITE);
        boolean fresh = row == null;
        if (fresh) {
            row = new MailboxToken(mailboxId);
        }
        row.issued(cipher.encrypt(tokens.accessToken()), cipher.encrypt(tokens.refreshToken()), tokens.expiresAt(),
                tokens.scope(), OffsetDateTime.now(clock));
        if (fresh) {
            em.persist(row);
        }
    }

    /**
     * MO-02: an access token of the mailbox valid for at least {@link MicrosoftTokens#REFRESH_MARGIN}, refreshed when
     * needed. Without a transaction of its own: the read and the refresh are each one, the refresh only when needed.
     *
     * @throws EntraException {@code SIGN_IN_AGAIN} (the mailbox is flagged), {@code TRANSIENT} or {@code REFUSED}
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String accessToken(long mailboxId) {
        String current = self.current(mailboxId);
        return current != null ? current : self.refresh(mailboxId, null);
    }

    /**
     * After Graph refused {@code rejected} (401): a new access token, unless another run has stored one meanwhile,
     * which is returned instead.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String replaceRejected(long mailboxId, String rejected) {
        return self.refresh(mailboxId, rejected);
    }

    /** The stored access token when it lasts beyond the margin, else {@code null}. */
    public String current(long mailboxId) {
        MailboxToken row = em.find(MailboxToken.class, mailboxId);
        if (row == null) {
            throw signInFlag(mailboxId, "no_tokens", "The mailbox has no Microsoft sign-in: sign in again");
        }
        return needsRefresh(row) ? null : cipher.decrypt(row.getAccessToken());
    }

    /**
     * Refreshes under the row's lock. {@code rejected}: the token Graph refused, refreshed even when not near expiry;
     * {@code null}: refreshed only when near expiry (another node may have done it while this one waited).
     */
    public String refresh(long mailboxId, String rejected) {
        MailboxToken row = em.find(MailboxToken.class, mailboxId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw signInFlag(mailboxId, "no_tokens", "The mailbox has no Microsoft sign-in: sign in again");
        }
        String stored = cipher.decrypt(row.getAccessToken());
        if (rejected == null ? !needsRefresh(row) : !stored.equals(rejected)) {
            return stored;
        }
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        MicrosoftTokens tokens;
        try {
            tokens = oauth.refresh(app(mailbox.getProvider()), cipher.decrypt(row.getRefreshToken()),
                    scopes(mailbox.getProvider()));
        } catch (EntraException e) {
            if (e.outcome() == EntraException.Outcome.SIGN_IN_AGAIN) {
                flag(mailbox, e.getMessage());
            }
            throw e;
        }
        // The rotated refresh token replaces the old one in this transaction; without rotation the old one stays.
        row.issued(cipher.encrypt(tokens.accessToken()), tokens.refreshToken() == null ? null
                : cipher.encrypt(tokens.refreshToken()), tokens.expiresAt(), tokens.scope(), OffsetDateTime.now(clock));
        LOG.fine(() -> "Refreshed the Microsoft access token of mailbox " + mailboxId);
        return tokens.accessToken();
    }

    /**
     * MO-01: what a provider's tokens are for: Graph's mail permissions for Microsoft 365, the Exchange Server's
     * {@code EWS.AccessAsUser.All} for hybrid Exchange reached over EWS.
     */
    public static List<String> scopes(MailProvider provider) {
        return provider.getExchangeKind() == ExchangeKind.EXCHANGE_SERVER
                ? MicrosoftOAuth.ewsScopes(MailProviderRules.ewsEndpoint(provider.getServiceAddress()))
                : MicrosoftOAuth.GRAPH_MAIL_SCOPES;
    }

    private boolean needsRefresh(MailboxToken row) {
        return !OffsetDateTime.now(clock).plus(MicrosoftTokens.REFRESH_MARGIN).isBefore(row.getExpiresAt());
    }

    private EntraException signInFlag(long mailboxId, String error, String reason) {
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        if (mailbox != null) {
            flag(mailbox, reason);
        }
        return new EntraException(EntraException.Outcome.SIGN_IN_AGAIN, error, reason, null);
    }

    /** Flags the mailbox "sign in again" once (1 row updated) and tells its owner. */
    private void flag(Mailbox mailbox, String reason) {
        String clipped = reason == null ? "" : reason.length() > Mailbox.ERROR_MAX
                ? reason.substring(0, Mailbox.ERROR_MAX) : reason;
        int flagged = em.createNamedQuery(Mailbox.NEEDS_SIGN_IN).setParameter("id", mailbox.getId())
                .setParameter("reason", clipped).setParameter("at", OffsetDateTime.now(clock)).executeUpdate();
        if (flagged == 1) {
            LOG.warning(() -> "Mailbox " + mailbox.getAddress() + " must be signed in with Microsoft again; its sync "
                    + "pauses: " + clipped);
            outbox.record(new MailboxSignInNeeded(mailbox.getId(), mailbox.getAddress(), clipped,
                    List.of(mailbox.getOwner().getLogin())), "system");
        }
    }
}
