-- Issue 21 item 1, EA-01..EA-05: the CRM's activities, which the Exchange (and later Google) syncs keep in step with
-- meetings and tasks. An activity "shown in calendar" is a MEETING: it has a start and an end. One that is not is a
-- TASK: it may have a due time. listed_at orders both kinds in one list: a meeting's start, a task's due time,
-- or when the task was made. time_zone is the IANA zone the times were entered in (an all-day activity's dates and a
-- recurrence's days are read there). recurrence is an RFC 5545 RRULE value without the "RRULE:" prefix; the dates of
-- its occurrences taken out are in activity_exception. An activity is seen by its owner, its organiser and the users
-- taking part; contacts take part too, and the card of a contact lists its activities.
CREATE SEQUENCE activity_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE activity_group_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE activity_participant_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE activity_group (
    id           BIGINT         NOT NULL,
    version      BIGINT         NOT NULL,
    name         VARCHAR(100)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_activity_group PRIMARY KEY (id),
    CONSTRAINT uq_activity_group_name UNIQUE (name)
);

CREATE TABLE activity (
    id                BIGINT         NOT NULL,
    version           BIGINT         NOT NULL,
    title             VARCHAR(500)   NOT NULL,
    kind              VARCHAR(7)     NOT NULL,
    starts_at         TIMESTAMP WITH TIME ZONE,
    ends_at           TIMESTAMP WITH TIME ZONE,
    due_at            TIMESTAMP WITH TIME ZONE,
    listed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    all_day           BOOLEAN        NOT NULL,
    time_zone         VARCHAR(64)    NOT NULL,
    location          VARCHAR(500),
    description       VARCHAR(8000),
    status            VARCHAR(12)    NOT NULL,
    priority          VARCHAR(6)     NOT NULL,
    reminder_minutes  INTEGER,
    recurrence        VARCHAR(500),
    organiser_id      BIGINT,
    owner_id          BIGINT,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_activity PRIMARY KEY (id),
    CONSTRAINT fk_activity_organiser FOREIGN KEY (organiser_id) REFERENCES app_user (id) ON DELETE SET NULL,
    CONSTRAINT fk_activity_owner FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE SET NULL,
    CONSTRAINT ck_activity_status CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    CONSTRAINT ck_activity_priority CHECK (priority IN ('LOW', 'NORMAL', 'HIGH')),
    CONSTRAINT ck_activity_kind CHECK (kind IN ('MEETING', 'TASK')),
    CONSTRAINT ck_activity_meeting CHECK (kind = 'TASK'
        OR (starts_at IS NOT NULL AND ends_at IS NOT NULL AND ends_at >= starts_at))
);
CREATE INDEX ix_activity_owner ON activity (owner_id);
CREATE INDEX ix_activity_organiser ON activity (organiser_id);
CREATE INDEX ix_activity_listed_at ON activity (listed_at);

-- Who takes part: a user, a contact, or only an e-mail address (an attendee known to neither), with their answer.
CREATE TABLE activity_participant (
    id            BIGINT        NOT NULL,
    activity_id   BIGINT        NOT NULL,
    user_id       BIGINT,
    contact_id    BIGINT,
    email         VARCHAR(254),
    response      VARCHAR(10)   NOT NULL,
    CONSTRAINT pk_activity_participant PRIMARY KEY (id),
    CONSTRAINT fk_activity_participant_activity FOREIGN KEY (activity_id) REFERENCES activity (id) ON DELETE CASCADE,
    CONSTRAINT fk_activity_participant_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_activity_participant_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    CONSTRAINT ck_activity_participant_who CHECK (user_id IS NOT NULL OR contact_id IS NOT NULL OR email IS NOT NULL),
    CONSTRAINT ck_activity_participant_response
        CHECK (response IN ('NONE', 'ACCEPTED', 'TENTATIVE', 'DECLINED', 'ORGANISER'))
);
CREATE INDEX ix_activity_participant_activity ON activity_participant (activity_id);
CREATE INDEX ix_activity_participant_user ON activity_participant (user_id);
CREATE INDEX ix_activity_participant_contact ON activity_participant (contact_id);

-- The days (in the activity's zone) whose occurrence of a recurring activity was taken out (RFC 5545 EXDATE).
CREATE TABLE activity_exception (
    activity_id      BIGINT   NOT NULL,
    occurrence_date  DATE     NOT NULL,
    CONSTRAINT pk_activity_exception PRIMARY KEY (activity_id, occurrence_date),
    CONSTRAINT fk_activity_exception_activity FOREIGN KEY (activity_id) REFERENCES activity (id) ON DELETE CASCADE
);

CREATE TABLE activity_group_member (
    group_id      BIGINT   NOT NULL,
    activity_id   BIGINT   NOT NULL,
    CONSTRAINT pk_activity_group_member PRIMARY KEY (group_id, activity_id),
    CONSTRAINT fk_activity_group_member_group FOREIGN KEY (group_id) REFERENCES activity_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_activity_group_member_activity FOREIGN KEY (activity_id) REFERENCES activity (id)
        ON DELETE CASCADE
);
CREATE INDEX ix_activity_group_member_activity ON activity_group_member (activity_id);
