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

/**
 * One who takes part in an {@link Activity}: a user, a contact, or an attendee known only by an e-mail address (as a
 * meeting from Exchange may bring), with their answer. Its own entity, so that a page of activities reads the
 * participants of all of them at once, and a deleted user or contact leaves the activities they took part in.
 */
@Entity
@Table(name = "activity_participant")
@NamedQuery(name = ActivityParticipant.OF_ACTIVITIES, query = "SELECT p FROM ActivityParticipant p "
        + "WHERE p.activityId IN :activityIds ORDER BY p.activityId, p.id")
public class ActivityParticipant {

    public static final String OF_ACTIVITIES = "ActivityParticipant.ofActivities";
    public static final int EMAIL_MAX = 254;

    /** A participant's answer to the invitation. */
    public enum Response {
        NONE, ACCEPTED, TENTATIVE, DECLINED, ORGANISER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_participant_seq")
    @SequenceGenerator(name = "activity_participant_seq", sequenceName = "activity_participant_seq",
            allocationSize = 50)
    private Long id;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private long activityId;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "contact_id")
    private Long contactId;

    @Column(name = "email", length = EMAIL_MAX)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(name = "response", length = 10, nullable = false)
    private Response response = Response.NONE;

    protected ActivityParticipant() {
    }

    public ActivityParticipant(long activityId, Long userId, Long contactId, String email, Response response) {
        this.activityId = activityId;
        this.userId = userId;
        this.contactId = contactId;
        this.email = email;
        this.response = response;
    }

    public Long getId() {
        return id;
    }

    public long getActivityId() {
        return activityId;
    }

    public Long getUserId() {
        return userId;
    }

    public Long getContactId() {
        return contactId;
    }

    public String getEmail() {
        return email;
    }

    public Response getResponse() {
        return response;
    }

    public void setResponse(Response response) {
        this.response = response;
    }
}
