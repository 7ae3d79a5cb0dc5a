package org.switchboard.core.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.common.TooManyAttemptsException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * Users and their role membership, for administrators: create, edit, disable, reset a password. Users are
 * never deleted (their name stays on what they did); they are disabled. The last enabled administrator can be
 * neither disabled nor removed from Administrators. A signed-in user changes their own password and language here too.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class.getName());
    private static final Pattern LOGIN = Pattern.compile(User.LOGIN_PATTERN);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** The UI languages. */
    public static final List<String> LOCALES = List.of("en", "ru");
    /** Names the application itself acts and records under (issue 18): nobody may sign in as them. */
    public static final Set<String> RESERVED_LOGINS = Set.of("system", "anonymous");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private SignInThrottle throttle;

    @Inject
    private EventOutbox events;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    public List<UserView> list() {
        return em.createNamedQuery(User.ALL, User.class).getResultList().stream().map(UserView::of).toList();
    }

    public UserView get(long id) {
        return UserView.of(find(id));
    }

    public UserView create(UserDraft draft) {
        String login = draft.login() == null ? "" : draft.login().trim().toLowerCase(Locale.ROOT);
        if (login.isEmpty()) {
            throw new InvalidInputException("validation.required", "login");
        }
        if (!LOGIN.matcher(login).matches()) {
            throw new InvalidInputException("validation.login.pattern", "login");
        }
        if (RESERVED_LOGINS.contains(login)) {
            throw new InvalidInputException("validation.login.reserved", "login", login);
        }
        if (!em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).getResultList().isEmpty()) {
            throw new RuleViolationException("error.user.loginTaken", "login", login);
        }
        PasswordPolicy.check(draft.password(), login, "password");
        User user = new User();
        user.setLogin(login);
        applyProfile(user, draft);
        user.setEnabled(draft.enabled());
        OffsetDateTime now = OffsetDateTime.now(clock);
        user.setCreatedAt(now);
        user.setPasswordHash(hasher.hash(draft.password()));
        user.setPasswordChangedAt(now);
        if (draft.roleIds() != null) {
            user.getRoles().addAll(roles(draft.roleIds()));
        }
        em.persist(user);
        em.flush();
        String actor = Callers.login(context);
        events.record(new UserChanged(user.getId(), login, "CREATED"), actor);
        LOG.info(() -> "User " + login + " created by " + actor);
        return UserView.of(user);
    }

    /** Changes name, e-mail, language, enabled flag and (when given) role membership. */
    public UserView update(long id, long expectedVersion, UserDraft changes) {
        User user = find(id);
        checkVersion(user.getVersion(), expectedVersion, id);
        String actor = Callers.login(context);
        applyProfile(user, changes);
        boolean enabledChanged = user.isEnabled() != changes.enabled();
        if (enabledChanged) {
            setEnabled(user, changes.enabled(), actor);
        }
        boolean rolesChanged = changes.roleIds() != null && !ids(user.getRoles()).equals(changes.roleIds());
        if (rolesChanged) {
            Set<Role> roles = roles(changes.roleIds());
            if (isAdministrator(user) && roles.stream().noneMatch(Role::isAdministrators)) {
                ensureAnotherAdministrator(user, "roleIds");
            }
            user.getRoles().clear();
            user.getRoles().addAll(roles);
        }
        em.flush();
        events.record(new UserChanged(id, user.getLogin(), "UPDATED"), actor);
        if (rolesChanged) {
            events.record(new UserChanged(id, user.getLogin(), "ROLES_CHANGED"), actor);
        }
        LOG.info(() -> "User " + user.getLogin() + " updated by " + actor);
        return UserView.of(user);
    }

    /** Disables (the user can no longer sign in) or enables a user. */
    public UserView setEnabled(long id, boolean enabled) {
        User user = find(id);
        if (user.isEnabled() != enabled) {
            setEnabled(user, enabled, Callers.login(context));
            em.flush();
        }
        return UserView.of(user);
    }

    /** Sets a new password chosen by the administrator, who passes it on to the user. */
    public void resetPassword(long id, String newPassword) {
        User user = find(id);
        PasswordPolicy.check(newPassword, user.getLogin(), "password");
        user.setPasswordHash(hasher.hash(newPassword));
        user.setPasswordChangedAt(OffsetDateTime.now(clock));
        user.endSessions();
        throttle.clear(user.getLogin());
        String actor = Callers.login(context);
        events.record(new UserChanged(id, user.getLogin(), "PASSWORD_RESET"), actor);
        LOG.info(() -> "Password of user " + user.getLogin() + " reset by " + actor);
    }

    /** The signed-in user's own account. */
    @PermitAll
    public UserView me() {
        return UserView.of(self());
    }

    /**
     * The signed-in user changes their own password, proving the current one. Every browser session of theirs ends
     * (issue 18); the caller keeps theirs by remembering the returned session generation. Proving the current password
     * is throttled like a sign-in (issue 18): a stolen session must not become a way to guess it, one PBKDF2 run per
     * request. Its count is kept apart from the sign-ins' ({@link #passwordChangeKey}), since every request over HTTP
     * Basic is a successful sign-in that would clear it.
     *
     * @return the user's new session generation
     */
    @PermitAll
    public int changeOwnPassword(String currentPassword, String newPassword) {
        User user = self();
        String key = passwordChangeKey(user.getLogin());
        Optional<Duration> wait = throttle.tryAttempt(key, key);
        if (wait.isPresent()) {
            throw new TooManyAttemptsException("error.password.tooManyAttempts", "currentPassword",
                    Math.max(1, wait.get().toSeconds()));
        }
        boolean proven;
        try {
            proven = hasher.verify(currentPassword, user.getPasswordHash());
        } catch (RuntimeException e) {
            throttle.failed(key, key); // ends the attempt in flight
            throw e;
        }
        if (!proven) {
            throttle.failed(key, key);
            throw new InvalidInputException("error.password.currentWrong", "currentPassword");
        }
        throttle.succeeded(key, key);
        PasswordPolicy.check(newPassword, user.getLogin(), "newPassword");
        user.setPasswordHash(hasher.hash(newPassword));
        user.setPasswordChangedAt(OffsetDateTime.now(clock));
        user.endSessions();
        LOG.info(() -> "User " + user.getLogin() + " changed their password");
        return user.getSessionGeneration();
    }

    /** The throttle's key for proving a login's current password: both its login and its address key. */
    static String passwordChangeKey(String login) {
        return login + " (password change)";
    }

    /** The signed-in user's UI language, remembered for their next sign-in. */
    @PermitAll
    public void setOwnLocale(String locale) {
        if (locale == null || !LOCALES.contains(locale)) {
            throw new InvalidInputException("validation.locale", "locale", String.join(", ", LOCALES));
        }
        self().setLocale(locale);
    }

    private void setEnabled(User user, boolean enabled, String actor) {
        if (!enabled) {
            if (user.getLogin().equals(actor)) {
                throw new RuleViolationException("error.user.disableSelf", "enabled");
            }
            if (isAdministrator(user)) {
                ensureAnotherAdministrator(user, "enabled");
            }
        }
        user.setEnabled(enabled);
        if (!enabled) {
            user.endSessions();
        }
        events.record(new UserChanged(user.getId(), user.getLogin(), enabled ? "ENABLED" : "DISABLED"), actor);
        LOG.info(() -> "User " + user.getLogin() + (enabled ? " enabled" : " disabled") + " by " + actor);
    }

    private void applyProfile(User user, UserDraft draft) {
        String displayName = draft.displayName() == null ? "" : draft.displayName().trim();
        if (displayName.isEmpty()) {
            throw new InvalidInputException("validation.required", "displayName");
        }
        if (displayName.length() > User.DISPLAY_NAME_MAX) {
            throw new InvalidInputException("validation.tooLong", "displayName", User.DISPLAY_NAME_MAX);
        }
        String email = draft.email() == null || draft.email().isBlank() ? null : draft.email().trim();
        if (email != null && (email.length() > User.EMAIL_MAX || !EMAIL.matcher(email).matches())) {
            throw new InvalidInputException("validation.email", "email");
        }
        if (draft.locale() != null && !draft.locale().isBlank() && !LOCALES.contains(draft.locale())) {
            throw new InvalidInputException("validation.locale", "locale", String.join(", ", LOCALES));
        }
        user.setDisplayName(displayName);
        user.setEmail(email);
        user.setLocale(draft.locale() == null || draft.locale().isBlank() ? null : draft.locale());
    }

    /** Refuses to remove the last enabled administrator; holds the Administrators row until the commit. */
    private void ensureAnotherAdministrator(User user, String field) {
        Role administrators = em.createNamedQuery(Role.ADMINISTRATORS_LOCKED, Role.class).getSingleResult();
        long enabledAdmins = em.createNamedQuery(User.COUNT_ENABLED_IN_ROLE, Long.class)
                .setParameter("roleId", administrators.getId()).getSingleResult();
        if (enabledAdmins <= 1 && user.isEnabled()) {
            throw new RuleViolationException("error.user.lastAdministrator", field, user.getLogin());
        }
    }

    private static boolean isAdministrator(User user) {
        return user.getRoles().stream().anyMatch(Role::isAdministrators);
    }

    private Set<Role> roles(Set<Long> roleIds) {
        Set<Role> roles = new HashSet<>();
        for (Long roleId : roleIds) {
            Role role = em.find(Role.class, Objects.requireNonNull(roleId, "role id"));
            if (role == null) {
                throw new RecordNotFoundException("Role", roleId);
            }
            roles.add(role);
        }
        return roles;
    }

    private static Set<Long> ids(Set<Role> roles) {
        Set<Long> ids = new HashSet<>();
        roles.forEach(r -> ids.add(r.getId()));
        return ids;
    }

    private User self() {
        String login = Callers.login(context);
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login)
                .getResultStream().findFirst()
                .orElseThrow(() -> new RecordNotFoundException("User", login));
    }

    private User find(long id) {
        User user = em.find(User.class, id);
        if (user == null) {
            throw new RecordNotFoundException("User", id);
        }
        return user;
    }

    private static void checkVersion(long actual, long expected, long id) {
        if (actual != expected) {
            throw new ConcurrentChangeException("User", id);
        }
    }
}
