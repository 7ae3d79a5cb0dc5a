package org.switchboard.core.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.security.OperationGrant;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * Roles and their members, for administrators (X-02, CH-06). The system role Administrators can be neither renamed
 * nor deleted, and keeps at least one enabled member.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
public class RoleService {

    private static final Logger LOG = Logger.getLogger(RoleService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox events;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    public List<RoleView> list() {
        List<Role> roles = em.createNamedQuery(Role.ALL, Role.class).getResultList();
        Map<Long, List<String>> operations = em.createNamedQuery(OperationGrant.ALL, OperationGrant.class)
                .getResultList().stream()
                .filter(g -> g.getRole() != null)
                .collect(Collectors.groupingBy(g -> g.getRole().getId(),
                        Collectors.mapping(OperationGrant::getOperationCode, Collectors.toList())));
        return roles.stream().map(r -> view(r, operations.getOrDefault(r.getId(), List.of()))).toList();
    }

    public RoleView get(long id) {
        Role role = find(id);
        return view(role, em.createNamedQuery(OperationGrant.CODES_OF_ROLE, String.class)
                .setParameter("roleId", id).getResultList());
    }

    public RoleView create(String name, String description) {
        Role role = new Role();
        applyName(role, name, null);
        role.setDescription(description(description));
        role.setCreatedAt(OffsetDateTime.now(clock));
        em.persist(role);
        em.flush();
        String actor = Callers.login(context);
        events.record(new RoleChanged(role.getId(), role.getName(), "CREATED", null), actor);
        LOG.info(() -> "Role " + role.getName() + " created by " + actor);
        return view(role, List.of());
    }

    public RoleView update(long id, long expectedVersion, String name, String description) {
        Role role = find(id);
        if (role.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Role", id);
        }
        String trimmed = name == null ? null : name.trim();
        if (role.isSystemRole() && !role.getName().equals(trimmed)) {
            throw new RuleViolationException("error.role.systemRename", "name", role.getName());
        }
        applyName(role, name, role.getId());
        role.setDescription(description(description));
        em.flush();
        String actor = Callers.login(context);
        events.record(new RoleChanged(id, role.getName(), "UPDATED", null), actor);
        return get(id);
    }

    /** Deletes a role with its membership and grants; its former members keep their own grants. */
    public void delete(long id) {
        Role role = find(id);
        if (role.isSystemRole()) {
            throw new RuleViolationException("error.role.systemDelete", null, role.getName());
        }
        for (User member : members(role)) {
            member.getRoles().remove(role);
        }
        em.createNamedQuery(OperationGrant.DELETE_OF_ROLE).setParameter("roleId", id).executeUpdate();
        em.remove(role);
        String actor = Callers.login(context);
        events.record(new RoleChanged(id, role.getName(), "DELETED", null), actor);
        LOG.info(() -> "Role " + role.getName() + " deleted by " + actor);
    }

    public RoleView addMember(long roleId, long userId) {
        Role role = find(roleId);
        User user = user(userId);
        if (user.getRoles().add(role)) {
            em.flush();
            events.record(new RoleChanged(roleId, role.getName(), "MEMBER_ADDED", user.getLogin()),
                    Callers.login(context));
        }
        return get(roleId);
    }

    public RoleView removeMember(long roleId, long userId) {
        Role role = find(roleId);
        User user = user(userId);
        if (user.getRoles().contains(role)) {
            if (role.isAdministrators() && user.isEnabled()) {
                // The Administrators row is held until the commit: a concurrent demotion counts after this one.
                em.createNamedQuery(Role.ADMINISTRATORS_LOCKED, Role.class).getSingleResult();
                long enabled = em.createNamedQuery(User.COUNT_ENABLED_IN_ROLE, Long.class)
                        .setParameter("roleId", roleId).getSingleResult();
                if (enabled <= 1) {
                    throw new RuleViolationException("error.user.lastAdministrator", null, user.getLogin());
                }
            }
            user.getRoles().remove(role);
            em.flush();
            events.record(new RoleChanged(roleId, role.getName(), "MEMBER_REMOVED", user.getLogin()),
                    Callers.login(context));
        }
        return get(roleId);
    }

    private void applyName(Role role, String name, Long ownId) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", "name");
        }
        if (trimmed.length() > Role.NAME_MAX) {
            throw new InvalidInputException("validation.tooLong", "name", Role.NAME_MAX);
        }
        boolean taken = em.createNamedQuery(Role.BY_NAME, Role.class).setParameter("name", trimmed)
                .getResultStream().anyMatch(other -> !other.getId().equals(ownId));
        if (taken) {
            throw new RuleViolationException("error.role.nameTaken", "name", trimmed);
        }
        role.setName(trimmed);
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > Role.DESCRIPTION_MAX) {
            throw new InvalidInputException("validation.tooLong", "description", Role.DESCRIPTION_MAX);
        }
        return description.trim();
    }

    private List<User> members(Role role) {
        return em.createNamedQuery(User.IN_ROLE, User.class).setParameter("roleId", role.getId()).getResultList();
    }

    private RoleView view(Role role, List<String> operations) {
        List<RoleView.Member> members = members(role).stream()
                .map(u -> new RoleView.Member(u.getId(), u.getLogin(), u.getDisplayName(), u.isEnabled()))
                .toList();
        return new RoleView(role.getId(), role.getVersion(), role.getName(), role.getDescription(),
                role.isSystemRole(), members, operations.stream().sorted().toList());
    }

    private Role find(long id) {
        Role role = em.find(Role.class, id);
        if (role == null) {
            throw new RecordNotFoundException("Role", id);
        }
        return role;
    }

    private User user(long id) {
        User user = em.find(User.class, id);
        if (user == null) {
            throw new RecordNotFoundException("User", id);
        }
        return user;
    }
}
