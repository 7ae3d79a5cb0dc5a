package org.switchboard.model.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A system operation granted to one user or to one role. Immutable: revoking deletes it.
 */
@Entity
@Table(name = "operation_grant")
@NamedQuery(name = OperationGrant.ALL,
        query = "SELECT g FROM OperationGrant g LEFT JOIN FETCH g.user LEFT JOIN FETCH g.role"
                + " ORDER BY g.operationCode, g.id")
@NamedQuery(name = OperationGrant.BY_OPERATION,
        query = "SELECT g FROM OperationGrant g LEFT JOIN FETCH g.user LEFT JOIN FETCH g.role"
                + " WHERE g.operationCode = :code ORDER BY g.id")
@NamedQuery(name = OperationGrant.OF_USER,
        query = "SELECT g FROM OperationGrant g WHERE g.user.id = :userId AND g.operationCode = :code")
@NamedQuery(name = OperationGrant.OF_ROLE,
        query = "SELECT g FROM OperationGrant g WHERE g.role.id = :roleId AND g.operationCode = :code")
// Outer joins: EclipseLink turns a path through g.role into an inner join that would drop the user's own grants.
@NamedQuery(name = OperationGrant.CODES_OF_USER,
        query = "SELECT DISTINCT g.operationCode FROM OperationGrant g LEFT JOIN g.user gu LEFT JOIN g.role gr"
                + " WHERE gu.id = :userId OR gr.id IN (SELECT r.id FROM User u JOIN u.roles r WHERE u.id = :userId)")
@NamedQuery(name = OperationGrant.CODES_OF_ROLE,
        query = "SELECT g.operationCode FROM OperationGrant g WHERE g.role.id = :roleId ORDER BY g.operationCode")
@NamedQuery(name = OperationGrant.DELETE_OF_ROLE, query = "DELETE FROM OperationGrant g WHERE g.role.id = :roleId")
// The enabled users who hold an operation: by their own grant, by a role's, or as members of the system role.
@NamedQuery(name = OperationGrant.HOLDER_LOGINS, query = "SELECT DISTINCT u.login FROM User u LEFT JOIN u.roles r"
        + " WHERE u.enabled = TRUE AND (u.id IN (SELECT gu.id FROM OperationGrant g JOIN g.user gu"
        + " WHERE g.operationCode = :code) OR r.id IN (SELECT gr.id FROM OperationGrant g JOIN g.role gr"
        + " WHERE g.operationCode = :code) OR (r.systemRole = TRUE AND r.name = '" + Role.ADMINISTRATORS + "'))"
        + " ORDER BY u.login")
public class OperationGrant {

    /** The logins of the enabled users who hold an operation ({@code code}), in any way. */
    public static final String HOLDER_LOGINS = "OperationGrant.holderLogins";

    public static final String ALL = "OperationGrant.all";
    public static final String BY_OPERATION = "OperationGrant.byOperation";
    public static final String OF_USER = "OperationGrant.ofUser";
    public static final String OF_ROLE = "OperationGrant.ofRole";
    public static final String CODES_OF_USER = "OperationGrant.codesOfUser";
    public static final String CODES_OF_ROLE = "OperationGrant.codesOfRole";
    public static final String DELETE_OF_ROLE = "OperationGrant.deleteOfRole";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "operation_grant_seq")
    @SequenceGenerator(name = "operation_grant_seq", sequenceName = "operation_grant_seq", allocationSize = 50)
    private Long id;

    @Column(name = "operation_code", length = 100, nullable = false)
    private String operationCode;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    private User user;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "role_id")
    private Role role;

    @Column(name = "granted_at", nullable = false)
    private OffsetDateTime grantedAt;

    @Column(name = "granted_by", length = User.LOGIN_MAX, nullable = false)
    private String grantedBy;

    protected OperationGrant() {
    }

    private OperationGrant(String operationCode, User user, Role role, OffsetDateTime grantedAt, String grantedBy) {
        this.operationCode = operationCode;
        this.user = user;
        this.role = role;
        this.grantedAt = grantedAt;
        this.grantedBy = grantedBy;
    }

    public static OperationGrant toUser(String operationCode, User user, OffsetDateTime at, String by) {
        return new OperationGrant(operationCode, user, null, at, by);
    }

    public static OperationGrant toRole(String operationCode, Role role, OffsetDateTime at, String by) {
        return new OperationGrant(operationCode, null, role, at, by);
    }

    public Long getId() {
        return id;
    }

    public String getOperationCode() {
        return operationCode;
    }

    public User getUser() {
        return user;
    }

    public Role getRole() {
        return role;
    }

    public OffsetDateTime getGrantedAt() {
        return grantedAt;
    }

    public String getGrantedBy() {
        return grantedBy;
    }
}
