package org.switchboard.core.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.security.ApiToken;
import org.switchboard.model.security.User;

/**
 * Personal API tokens (X-02, issue 18), so that integrations stop sending a person's password: a signed-in user
 * creates tokens for themselves (the secret is returned once), lists them without secrets and revokes them; a member
 * of Administrators lists and revokes anyone's, as when an integration is retired. Nobody creates a token for someone
 * else, so nobody but its owner ever sees one. Revoking deletes the row: a revoked token has no further use, the name
 * is free again, and the event journal ({@link UserChanged}) keeps who created and revoked a user's tokens and when.
 * Another user's token answers to its id as an unknown one does (404), so that its existence is not told.
 */
@Stateless
@RolesAllowed(Operations.ADMINISTRATORS)
public class ApiTokenService {

    private static final Logger LOG = Logger.getLogger(ApiTokenService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox events;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    /**
     * Creates a token of the caller's own.
     *
     * @param expiresOn the last day (UTC) the token works; {@code null} for a token that works until it is revoked
     * @return the token with its secret, which is not kept and cannot be shown again
     */
    @PermitAll
    public NewApiToken create(String name, LocalDate expiresOn) {
        String validName = ApiTokenRules.name(name);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expiresAt = ApiTokenRules.expiresAt(expiresOn, now);
        // Holds the user's row until the commit: two creations at once count and compare names one after the other.
        User user = self(LockModeType.PESSIMISTIC_WRITE);
        long held = em.createNamedQuery(ApiToken.COUNT_OF_USER, Long.class).setParameter("userId", user.getId())
                .getSingleResult();
        if (held >= ApiTokenRules.MAX_PER_USER) {
            throw new RuleViolationException("error.apiToken.limit", null, ApiTokenRules.MAX_PER_USER);
        }
        if (em.createNamedQuery(ApiToken.COUNT_NAMED, Long.class).setParameter("userId", user.getId())
                .setParameter("name", validName).getSingleResult() > 0) {
            throw new RuleViolationException("error.apiToken.nameTaken", "name", validName);
        }
        String secret = ApiTokenSecret.generate(RANDOM);
        ApiToken token = new ApiToken(user, validName, ApiTokenSecret.hash(secret), ApiTokenSecret.prefix(secret), now,
                expiresAt);
        em.persist(token);
        em.flush();
        events.record(new UserChanged(user.getId(), user.getLogin(), "API_TOKEN_CREATED"), user.getLogin());
        LOG.info(() -> "API token " + token.getId() + " of user " + user.getLogin() + " created");
        return new NewApiToken(ApiTokenView.of(token, now), secret);
    }

    /** The caller's own tokens, newest first. */
    @PermitAll
    public List<ApiTokenView> listOwn() {
        return list(self(LockModeType.NONE));
    }

    /** One of the caller's own tokens; another user's is not found. */
    @PermitAll
    public ApiTokenView getOwn(long id) {
        return ApiTokenView.of(own(self(LockModeType.NONE), id), OffsetDateTime.now(clock));
    }

    /** Revokes one of the caller's own tokens: it stops working at once. Another user's is not found. */
    @PermitAll
    public void revokeOwn(long id) {
        revoke(self(LockModeType.NONE), id);
    }

    /** Any user's tokens, for an administrator. */
    public List<ApiTokenView> listOf(long userId) {
        return list(find(userId));
    }

    /** Revokes any user's token, for an administrator; a token of another user than the one named is not found. */
    public void revokeOf(long userId, long tokenId) {
        revoke(find(userId), tokenId);
    }

    private List<ApiTokenView> list(User user) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return em.createNamedQuery(ApiToken.OF_USER, ApiToken.class).setParameter("userId", user.getId())
                .getResultStream().map(token -> ApiTokenView.of(token, now)).toList();
    }

    private void revoke(User user, long tokenId) {
        ApiToken token = own(user, tokenId);
        em.remove(token);
        em.flush();
        String actor = Callers.login(context);
        events.record(new UserChanged(user.getId(), user.getLogin(), "API_TOKEN_REVOKED"), actor);
        LOG.info(() -> "API token " + tokenId + " of user " + user.getLogin() + " revoked by " + actor);
    }

    private ApiToken own(User user, long tokenId) {
        return em.createNamedQuery(ApiToken.OF_USER_BY_ID, ApiToken.class).setParameter("id", tokenId)
                .setParameter("userId", user.getId()).getResultStream().findFirst()
                .orElseThrow(() -> new RecordNotFoundException("ApiToken", tokenId));
    }

    /** The caller's user; {@code lock} holds its row until the commit. */
    private User self(LockModeType lock) {
        String login = Callers.login(context);
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).setLockMode(lock)
                .getResultStream().findFirst().orElseThrow(() -> new RecordNotFoundException("User", login));
    }

    private User find(long id) {
        return Optional.ofNullable(em.find(User.class, id)).orElseThrow(() -> new RecordNotFoundException("User", id));
    }
}
