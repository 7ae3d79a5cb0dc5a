package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * An activity's membership in an {@link ActivityGroup}. Its own entity rather than a many-to-many of the activity,
 * so that a list of activities reads the memberships of all of them at once.
 */
@Entity
@Table(name = "activity_group_member")
@IdClass(ActivityGroupMember.Key.class)
@NamedQuery(name = ActivityGroupMember.OF_ACTIVITIES,
        query = "SELECT m FROM ActivityGroupMember m WHERE m.activityId IN :activityIds ORDER BY m.groupId")
@NamedQuery(name = ActivityGroupMember.COUNT_OF_GROUP,
        query = "SELECT COUNT(m) FROM ActivityGroupMember m WHERE m.groupId = :groupId")
public class ActivityGroupMember {

    public static final String OF_ACTIVITIES = "ActivityGroupMember.ofActivities";
    public static final String COUNT_OF_GROUP = "ActivityGroupMember.countOfGroup";

    @Id
    @Column(name = "group_id")
    private long groupId;

    @Id
    @Column(name = "activity_id")
    private long activityId;

    protected ActivityGroupMember() {
    }

    public ActivityGroupMember(long groupId, long activityId) {
        this.groupId = groupId;
        this.activityId = activityId;
    }

    public long getGroupId() {
        return groupId;
    }

    public long getActivityId() {
        return activityId;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private long groupId;
        private long activityId;

        public Key() {
        }

        public Key(long groupId, long activityId) {
            this.groupId = groupId;
            this.activityId = activityId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.groupId == groupId && key.activityId == activityId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, activityId);
        }
    }
}
