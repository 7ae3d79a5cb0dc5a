package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A static group of activities (issue 21 item 1, EA-02: an activity sync exports the activities of chosen groups).
 * The CRM's: every user sees it and may put activities in it; removing it keeps its activities.
 */
@Entity
@Table(name = "activity_group")
@NamedQuery(name = ActivityGroup.ALL, query = "SELECT g FROM ActivityGroup g ORDER BY g.name, g.id")
@NamedQuery(name = ActivityGroup.BY_NAME, query = "SELECT g FROM ActivityGroup g WHERE LOWER(g.name) = :name")
public class ActivityGroup {

    public static final String ALL = "ActivityGroup.all";
    /** The group of that name in any letter case. */
    public static final String BY_NAME = "ActivityGroup.byName";
    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_group_seq")
    @SequenceGenerator(name = "activity_group_seq", sequenceName = "activity_group_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "name", length = NAME_MAX, nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected ActivityGroup() {
    }

    public ActivityGroup(String name, OffsetDateTime createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

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

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
