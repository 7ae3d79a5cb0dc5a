package org.switchboard.model.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * A group of users, functional ("Call centre managers") or the system role {@value #ADMINISTRATORS}
 * whose members hold every system operation (X-02, CH-06).
 */
@Entity
@Table(name = "app_role")
@NamedQuery(name = Role.ALL, query = "SELECT r FROM Role r ORDER BY r.systemRole DESC, r.name")
@NamedQuery(name = Role.BY_NAME, query = "SELECT r FROM Role r WHERE LOWER(r.name) = LOWER(:name)")
// X-02 issue 18: whoever is about to remove an enabled administrator holds this row until they commit, so two
// concurrent demotions count the administrators one after the other and the last one stays.
@NamedQuery(name = Role.ADMINISTRATORS_LOCKED, query = "SELECT r FROM Role r WHERE r.systemRole = TRUE AND r.name = '"
        + Role.ADMINISTRATORS + "'", lockMode = LockModeType.PESSIMISTIC_WRITE)
public class Role {

    public static final String ALL = "Role.all";
    public static final String BY_NAME = "Role.byName";
    public static final String ADMINISTRATORS_LOCKED = "Role.administratorsLocked";

    /** The name of the system role whose members hold every operation. */
    public static final String ADMINISTRATORS = "Administrators";
    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_role_seq")
    @SequenceGenerator(name = "app_role_seq", sequenceName = "app_role_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "name", length = NAME_MAX, nullable = false, unique = true)
    @NotBlank
    @Size(max = NAME_MAX)
    private String name;

    @Column(name = "description", length = DESCRIPTION_MAX)
    @Size(max = DESCRIPTION_MAX)
    private String description;

    @Column(name = "system_role", nullable = false)
    private boolean systemRole;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isSystemRole() {
        return systemRole;
    }

    public boolean isAdministrators() {
        return systemRole && ADMINISTRATORS.equals(name);
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Role role && id != null && id.equals(role.getId());
    }

    @Override
    public int hashCode() {
        return Role.class.hashCode();
    }
}
