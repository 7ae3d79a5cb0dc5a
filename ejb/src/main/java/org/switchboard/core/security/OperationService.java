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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.security.OperationGrant;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.SystemOperation;
import org.switchboard.model.security.User;

/**
 * Grants and revokes system operations to users and roles, and answers "who holds this operation, and how?"
 * . Groups are read on every request, so a grant or a revocation takes effect at once.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
public class OperationService {

    private static final Logger LOG = Logger.getLogger(OperationService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox events;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    /** The catalogue, each operation with its grants. */
    public List<OperationView> catalogue() {
        Map<String, List<GrantView>> grants = new LinkedHashMap<>();
        for (OperationGrant grant : em.createNamedQuery(OperationGrant.ALL, OperationGrant.class).getResultList()) {
            grants.computeIfAbsent(grant.getOperationCode(), c -> new ArrayList<>()).add(view(grant));
        }
        return em.createNamedQuery(SystemOperation.ALL, SystemOperation.class).getResultList().stream()
                .map(o -> new OperationView(o.getCode(), o.getTitle(), grants.getOrDefault(o.getCode(), List.of())))
                .toList();
    }

    public OperationView get(String code) {
        SystemOperation operation = operation(code);
        List<GrantView> grants = em.createNamedQuery(OperationGrant.BY_OPERATION, OperationGrant.class)
                .setParameter("code", code).getResultList().stream().map(OperationService::view).toList();
        return new OperationView(operation.getCode(), operation.getTitle(), grants);
    }

    /** Every user who holds the operation: directly, through a role, or as an administrator. */
    public List<HolderView> holders(String code) {
        operation(code);
        List<HolderView> holders = new ArrayList<>();
        for (OperationGrant grant : em.createNamedQuery(OperationGrant.BY_OPERATION, OperationGrant.class)
                .setParameter("code", code).getResultList()) {
            if (grant.getUser() != null) {
                holders.add(holder(grant.getUser(), HolderView.DIRECT, null));
            } else {
                for (User member : membersOf(grant.getRole())) {
                    holders.add(holder(member, HolderView.ROLE, grant.getRole().getName()));
                }
            }
        }
        Role administrators = administrators();
        for (User admin : membersOf(administrators)) {
            holders.add(holder(admin, HolderView.ADMINISTRATOR, administrators.getName()));
        }
        holders.sort(Comparator.comparing(HolderView::login).thenComparing(HolderView::how));
        return holders;
    }

    public GrantView grantToUser(String code, long userId) {
        operation(code);
        User user = em.find(User.class, userId);
        if (user == null) {
            throw new RecordNotFoundException("User", userId);
        }
        boolean exists = !em.createNamedQuery(OperationGrant.OF_USER, OperationGrant.class)
                .setParameter("userId", userId).setParameter("code", code).getResultList().isEmpty();
        if (exists) {
            throw new RuleViolationException("error.grant.exists", null, code, user.getLogin());
        }
        String actor = Callers.login(context);
        OperationGrant grant = OperationGrant.toUser(code, user, OffsetDateTime.now(clock), actor);
        em.persist(grant);
        em.flush();
        events.record(new OperationGrantChanged(code, "GRANTED", GrantView.USER, user.getLogin()), actor);
        LOG.info(() -> code + " granted to user " + user.getLogin() + " by " + actor);
        return view(grant);
    }

    public GrantView grantToRole(String code, long roleId) {
        operation(code);
        Role role = em.find(Role.class, roleId);
        if (role == null) {
            throw new RecordNotFoundException("Role", roleId);
        }
        if (role.isAdministrators()) {
            throw new RuleViolationException("error.grant.administrators", null, role.getName());
        }
        boolean exists = !em.createNamedQuery(OperationGrant.OF_ROLE, OperationGrant.class)
                .setParameter("roleId", roleId).setParameter("code", code).getResultList().isEmpty();
        if (exists) {
            throw new RuleViolationException("error.grant.exists", null, code, role.getName());
        }
        String actor = Callers.login(context);
        OperationGrant grant = OperationGrant.toRole(code, role, OffsetDateTime.now(clock), actor);
        em.persist(grant);
        em.flush();
        events.record(new OperationGrantChanged(code, "GRANTED", GrantView.ROLE, role.getName()), actor);
        LOG.info(() -> code + " granted to role " + role.getName() + " by " + actor);
        return view(grant);
    }

    public void revoke(long grantId) {
        OperationGrant grant = em.find(OperationGrant.class, grantId);
        if (grant == null) {
            throw new RecordNotFoundException("Grant", grantId);
        }
        GrantView view = view(grant);
        em.remove(grant);
        String actor = Callers.login(context);
        events.record(new OperationGrantChanged(view.operation(), "REVOKED", view.granteeType(), view.granteeName()),
                actor);
        LOG.info(() -> view.operation() + " revoked from " + view.granteeName() + " by " + actor);
    }

    private SystemOperation operation(String code) {
        SystemOperation operation = code == null ? null : em.find(SystemOperation.class, code);
        if (operation == null) {
            throw new RecordNotFoundException("Operation", code);
        }
        return operation;
    }

    private Role administrators() {
        return em.createNamedQuery(Role.BY_NAME, Role.class).setParameter("name", Role.ADMINISTRATORS)
                .getSingleResult();
    }

    private List<User> membersOf(Role role) {
        return em.createNamedQuery(User.IN_ROLE, User.class).setParameter("roleId", role.getId()).getResultList();
    }

    private static HolderView holder(User user, String how, String via) {
        return new HolderView(user.getId(), user.getLogin(), user.getDisplayName(), user.isEnabled(), how, via);
    }

    private static GrantView view(OperationGrant grant) {
        return grant.getUser() != null
                ? new GrantView(grant.getId(), grant.getOperationCode(), GrantView.USER, grant.getUser().getId(),
                        grant.getUser().getLogin(), grant.getGrantedAt(), grant.getGrantedBy())
                : new GrantView(grant.getId(), grant.getOperationCode(), GrantView.ROLE, grant.getRole().getId(),
                        grant.getRole().getName(), grant.getGrantedAt(), grant.getGrantedBy());
    }
}
