package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A tag put on contacts (issue 21 item 1): {@link Kind#PERSONAL} ones are seen and used by their owner only (Google's
 * contact groups take a user's personal tags), {@link Kind#CORPORATE} and {@link Kind#PUBLIC} ones by everyone. The
 * owner is the user a personal tag belongs to, or who made another; removing a tag keeps its contacts.
 */
@Entity
@Table(name = "crm_tag")
@NamedQuery(name = CrmTag.VISIBLE, query = "SELECT t FROM CrmTag t WHERE t.kind <> :personal OR t.ownerId = :userId "
        + "ORDER BY t.name, t.id")
@NamedQuery(name = CrmTag.SAME, query = "SELECT t FROM CrmTag t WHERE LOWER(t.name) = :name AND t.kind = :kind "
        + "AND (t.kind <> :personal OR t.ownerId = :userId)")
@NamedQuery(name = CrmTag.COUNT_OF_TAG, query = "SELECT COUNT(x) FROM ContactTag x WHERE x.tagId = :tagId")
public class CrmTag {

    /** The tags a user sees: every corporate and public one and their own personal ones. */
    public static final String VISIBLE = "CrmTag.visible";
    /** A tag of that name in any letter case and that kind, among those the user sees. */
    public static final String SAME = "CrmTag.same";
    public static final String COUNT_OF_TAG = "CrmTag.countOfTag";
    public static final int NAME_MAX = 100;

    /** Who sees the tag. */
    public enum Kind {
        PERSONAL, CORPORATE, PUBLIC
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_tag_seq")
    @SequenceGenerator(name = "crm_tag_seq", sequenceName = "crm_tag_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "name", length = NAME_MAX, nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 10, nullable = false, updatable = false)
    private Kind kind;

    @Column(name = "owner_id")
    private Long ownerId;

    protected CrmTag() {
    }

    public CrmTag(String name, Kind kind, Long ownerId) {
        this.name = name;
        this.kind = kind;
        this.ownerId = ownerId;
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

    public Kind getKind() {
        return kind;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    /** Whether the user sees and may use it. */
    public boolean visibleTo(long userId) {
        return kind != Kind.PERSONAL || ownerId != null && ownerId == userId;
    }
}
