package org.switchboard.core.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.switchboard.core.common.Operations;
import org.switchboard.model.security.ApiToken;
import org.switchboard.model.security.OperationGrant;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * Checks a login and password against the stored salted hash and computes the caller's security groups: the
 * operations granted to them directly or through their roles, and for members of Administrators every operation
 * plus the group {@value Operations#ADMINISTRATORS}. Used by the web module's identity store, and by its
 * authentication mechanism for personal API tokens (issue 18).
 */
@Stateless
@PermitAll
public class AuthenticationService {

    private static final Logger LOG = Logger.getLogger(AuthenticationService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private Clock clock;

    /**
     * Signs a caller in.
     *
     * @param interactive a person signing in through the login page (recorded as their last sign-in), as opposed
     *                    to an API call with HTTP Basic
     * @return the caller, or empty when the login is unknown, disabled or the password is wrong
     */
    public Optional<AuthenticatedCaller> authenticate(String login, String password, boolean interactive) {
        if (login == null || password == null) {
            return Optional.empty();
        }
        User user = find(normalize(login));
        if (user == null) {
            hasher.verifyDecoy(password);
            LOG.fine("Sign-in refused: unknown login");
            return Optional.empty();
        }
        if (!hasher.verify(password, user.getPasswordHash())) {
            LOG.fine(() -> "Sign-in refused: wrong password for user " + user.getId());
            return Optional.empty();
        }
        if (!user.isEnabled()) {
            LOG.fine(() -> "Sign-in refused: user " + user.getId() + " is disabled");
            return Optional.empty();
        }
        if (hasher.outdated(user.getPasswordHash())) {
            upgrade(user, password);
        }
        if (interactive) {
            user.setLastLoginAt(OffsetDateTime.now(clock));
        }
        return Optional.of(new AuthenticatedCaller(user.getLogin(), user.getDisplayName(), user.getLocale(),
                groupsOf(user)));
    }

    /**
     * Signs an API call in by a personal API token (issue 18): as the token's user, with the groups they hold now. A
     * token is refused when it is malformed, unknown (never issued, or revoked), expired, or its user is disabled. Its
     * last use is written when the one recorded is a minute old, so that a busy integration costs no write per call.
     *
     * <p>No throttle is needed, unlike for passwords: a token is 256 random bits, so guessing one is hopeless however
     * many tries are allowed. The look-up by the token's SHA-256 tells an attacker nothing through its timing either,
     * since they cannot choose the hash they probe.
     *
     * @return the caller, or empty when the token is refused
     */
    public Optional<AuthenticatedCaller> authenticateToken(String token) {
        if (!ApiTokenSecret.wellFormed(token)) {
            LOG.fine("API token refused: malformed");
            return Optional.empty();
        }
        ApiToken found = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                .setParameter("hash", ApiTokenSecret.hash(token))
                .getResultStream().findFirst().orElse(null);
        if (found == null) {
            LOG.fine("API token refused: unknown or revoked");
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        User user = found.getUser();
        if (ApiTokenRules.expired(found.getExpiresAt(), now)) {
            LOG.fine(() -> "API token " + found.getId() + " refused: expired");
            return Optional.empty();
        }
        if (!user.isEnabled()) {
            LOG.fine(() -> "API token " + found.getId() + " refused: user " + user.getId() + " is disabled");
            return Optional.empty();
        }
        if (ApiTokenRules.lastUseStale(found.getLastUsedAt(), now)) {
            em.createNamedQuery(ApiToken.TOUCH).setParameter("id", found.getId()).setParameter("now", now)
                    .setParameter("staleBefore", now.minus(ApiTokenRules.LAST_USE_PRECISION)).executeUpdate();
        }
        return Optional.of(new AuthenticatedCaller(user.getLogin(), user.getDisplayName(), user.getLocale(),
                groupsOf(user)));
    }

    /**
     * Replaces a hash made with fewer iterations than new ones get (issue 18), now that the password is known. Only
     * if nobody changed it meanwhile, and without touching the user's version: two parallel first sign-ins after an
     * upgrade both succeed.
     */
    private void upgrade(User user, String password) {
        String oldHash = user.getPasswordHash();
        int changed = em.createNamedQuery(User.REHASH).setParameter("id", user.getId())
                .setParameter("oldHash", oldHash).setParameter("newHash", hasher.hash(password)).executeUpdate();
        if (changed == 1) {
            LOG.info(() -> "Password hash of user " + user.getLogin() + " upgraded to the current iterations");
        }
    }

    /**
     * The session generation of an enabled user, remembered by a browser session when they sign in: a changed or
     * reset password or a disabled account starts a new one (issue 18).
     */
    public Optional<Integer> sessionGeneration(String login) {
        User user = login == null ? null : find(normalize(login));
        return user == null || !user.isEnabled() ? Optional.empty() : Optional.of(user.getSessionGeneration());
    }

    /**
     * The groups of a browser session's user as they are now, or empty when the session has ended: the login is
     * unknown or disabled, or its session generation is no longer the one the session signed in at.
     */
    public Optional<Set<String>> sessionGroups(String login, int generation) {
        User user = login == null ? null : find(normalize(login));
        return user == null || !user.isEnabled() || user.getSessionGeneration() != generation
                ? Optional.empty() : Optional.of(groupsOf(user));
    }

    /** The groups of an enabled user, or empty when the login is unknown or disabled. */
    public Optional<Set<String>> groups(String login) {
        User user = find(normalize(login));
        return user == null || !user.isEnabled() ? Optional.empty() : Optional.of(groupsOf(user));
    }

    /** Whether the enabled user with that login holds the operation: directly, through a role, or as administrator. */
    public boolean holds(String login, String operation) {
        return login != null && groups(login).map(groups -> groups.contains(operation)).orElse(false);
    }

    /** The UI language a user chose, to apply right after they sign in; empty when none or unknown. */
    public Optional<String> locale(String login) {
        return Optional.ofNullable(login).map(l -> find(normalize(l))).map(User::getLocale);
    }

    private Set<String> groupsOf(User user) {
        Set<String> groups = new LinkedHashSet<>();
        if (user.getRoles().stream().anyMatch(Role::isAdministrators)) {
            groups.add(Operations.ADMINISTRATORS);
            groups.addAll(Operations.ALL);
        }
        groups.addAll(em.createNamedQuery(OperationGrant.CODES_OF_USER, String.class)
                .setParameter("userId", user.getId())
                .getResultList());
        return Set.copyOf(groups);
    }

    private User find(String login) {
        return em.createNamedQuery(User.BY_LOGIN, User.class)
                .setParameter("login", login)
                .getResultStream().findFirst().orElse(null);
    }

    static String normalize(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }
}
