package org.switchboard.core.crm;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.mailbox.MailboxRules;
import org.switchboard.model.crm.Activity;
import org.switchboard.model.crm.ActivityParticipant;

/**
 * The rules of an activity's fields (issue 21 item 1), each refusal on its field: a title; a meeting's start and end
 * (the end not before the start; an all-day one from midnight to midnight in its zone), a task's due time not before
 * its start; an IANA time zone; a reminder of at most four weeks; a recurrence only on a meeting, one
 * {@link Recurrence} reads, with its days taken out; participants each a user, a contact or an address.
 */
public final class ActivityRules {

    public static final int REMINDER_MAX_MINUTES = 4 * 7 * 24 * 60;
    public static final int PARTICIPANTS_MAX = 100;
    public static final int EXCEPTIONS_MAX = 500;
    /** The longest meeting: longer ones are typing mistakes (a year in place of a month). */
    public static final Duration MEETING_MAX = Duration.ofDays(366);
    public static final int YEAR_MIN = 1900;
    public static final int YEAR_MAX = 2199;

    /** The times an activity is saved with. */
    public record Times(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime dueAt) {
    }

    private ActivityRules() {
    }

    public static String title(String title) {
        String trimmed = title == null ? "" : title.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", "title");
        }
        if (trimmed.length() > Activity.TITLE_MAX) {
            throw new InvalidInputException("validation.tooLong", "title", Activity.TITLE_MAX);
        }
        if (trimmed.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new InvalidInputException("validation.crm.oneLine", "title");
        }
        return trimmed;
    }

    /** The zone named, or {@code otherwise} when none is. */
    public static ZoneId zone(String id, ZoneId otherwise) {
        if (id == null || id.isBlank()) {
            return otherwise;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("validation.activity.timeZone", "timeZone", id.strip());
        }
    }

    /**
     * A meeting's start and end, or a task's start and due time, in the zone: an all-day meeting runs from the
     * midnight of its first day to the midnight after its last (as Outlook stores it).
     */
    public static Times times(boolean meeting, boolean allDay, OffsetDateTime startsAt, OffsetDateTime endsAt,
            OffsetDateTime dueAt, ZoneId zone) {
        year(startsAt, "startsAt");
        year(endsAt, "endsAt");
        year(dueAt, "dueAt");
        if (!meeting) {
            if (startsAt != null && dueAt != null && dueAt.isBefore(startsAt)) {
                throw new InvalidInputException("validation.activity.dueBeforeStart", "dueAt");
            }
            return new Times(allDay ? midnight(startsAt, zone) : startsAt, null,
                    allDay ? midnight(dueAt, zone) : dueAt);
        }
        if (startsAt == null) {
            throw new InvalidInputException("validation.activity.startRequired", "startsAt");
        }
        if (endsAt == null) {
            throw new InvalidInputException("validation.activity.endRequired", "endsAt");
        }
        if (endsAt.isBefore(startsAt)) {
            throw new InvalidInputException("validation.activity.endBeforeStart", "endsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(MEETING_MAX) > 0) {
            throw new InvalidInputException("validation.activity.tooLong", "endsAt", MEETING_MAX.toDays());
        }
        if (!allDay) {
            return new Times(startsAt, endsAt, null);
        }
        OffsetDateTime start = midnight(startsAt, zone);
        ZonedDateTime last = endsAt.atZoneSameInstant(zone);
        // An end at a midnight after the start is the exclusive end Outlook and Graph send; any other end names the
        // last day, which the meeting then includes.
        OffsetDateTime end = last.toLocalTime().equals(LocalTime.MIDNIGHT) && last.toOffsetDateTime().isAfter(start)
                ? last.toOffsetDateTime() : last.toLocalDate().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return new Times(start, end, null);
    }

    /**
     * A time in the years {@link #YEAR_MIN} to {@link #YEAR_MAX}: one outside is a typing mistake, and a series
     * started centuries ago would be expanded from its start on every calendar shown.
     */
    private static void year(OffsetDateTime at, String field) {
        if (at != null && (at.getYear() < YEAR_MIN || at.getYear() > YEAR_MAX)) {
            throw new InvalidInputException("validation.activity.year", field, YEAR_MIN, YEAR_MAX);
        }
    }

    private static OffsetDateTime midnight(OffsetDateTime at, ZoneId zone) {
        return at == null ? null : at.atZoneSameInstant(zone).toLocalDate().atStartOfDay(zone).toOffsetDateTime();
    }

    public static Integer reminder(Integer minutes) {
        if (minutes != null && (minutes < 0 || minutes > REMINDER_MAX_MINUTES)) {
            throw new InvalidInputException("validation.activity.reminder", "reminderMinutes", REMINDER_MAX_MINUTES);
        }
        return minutes;
    }

    /** The rule, upper-cased and without "RRULE:", or null; only a meeting recurs, and not before its start. */
    public static String recurrence(String rule, boolean meeting, ZonedDateTime start) {
        String text = rule == null ? "" : rule.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (!meeting) {
            throw new InvalidInputException("validation.activity.recurrenceOfTask", "recurrence");
        }
        if (text.length() > Activity.RECURRENCE_MAX) {
            throw new InvalidInputException("validation.tooLong", "recurrence", Activity.RECURRENCE_MAX);
        }
        Recurrence recurrence;
        try {
            recurrence = Recurrence.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("validation.activity.recurrence", "recurrence", e.getMessage());
        }
        if (recurrence.endsBefore(start)) {
            throw new InvalidInputException("validation.activity.recurrenceEnds", "recurrence");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.startsWith("RRULE:") ? upper.substring(6) : upper;
    }

    /** The days taken out of a recurrence, once each, in order; none without a recurrence. */
    public static List<LocalDate> exceptions(List<LocalDate> days, String recurrence) {
        List<LocalDate> given = days == null ? List.of() : days.stream().filter(Objects::nonNull).toList();
        if (given.isEmpty()) {
            return List.of();
        }
        if (recurrence == null) {
            throw new InvalidInputException("validation.activity.exceptionsWithoutRecurrence", "exceptions");
        }
        TreeSet<LocalDate> distinct = new TreeSet<>(given);
        if (distinct.size() > EXCEPTIONS_MAX) {
            throw new InvalidInputException("validation.activity.tooManyExceptions", "exceptions", EXCEPTIONS_MAX);
        }
        return new ArrayList<>(distinct);
    }

    /**
     * The participants, each one of a user, a contact or an address (lower-cased), with a known answer, repeats
     * removed; whether the users and contacts exist is the service's to check.
     */
    public static List<ActivityDraft.Participant> participants(List<ActivityDraft.Participant> participants) {
        List<ActivityDraft.Participant> result = new ArrayList<>();
        for (ActivityDraft.Participant p : participants == null ? List.<ActivityDraft.Participant>of()
                : participants) {
            if (p == null) {
                continue;
            }
            String email = p.email() == null || p.email().isBlank() ? null : p.email().strip();
            int identities = (p.userId() != null ? 1 : 0) + (p.contactId() != null ? 1 : 0) + (email != null ? 1 : 0);
            if (identities != 1) {
                throw new InvalidInputException("validation.activity.participant", "participants");
            }
            if (email != null) {
                if (email.length() > ActivityParticipant.EMAIL_MAX || !MailboxRules.isAddress(email)) {
                    throw new InvalidInputException("validation.mailbox.address", "participants", email);
                }
                email = email.toLowerCase(Locale.ROOT);
            }
            ActivityParticipant.Response response = CrmRules.kind(ActivityParticipant.Response.class, p.response(),
                    ActivityParticipant.Response.NONE, "participants.response");
            ActivityDraft.Participant checked = new ActivityDraft.Participant(p.userId(), p.contactId(), email,
                    response.name());
            if (result.stream().noneMatch(r -> Objects.equals(r.userId(), checked.userId())
                    && Objects.equals(r.contactId(), checked.contactId())
                    && Objects.equals(r.email(), checked.email()))) {
                result.add(checked);
            }
        }
        if (result.size() > PARTICIPANTS_MAX) {
            throw new InvalidInputException("validation.activity.tooManyParticipants", "participants",
                    PARTICIPANTS_MAX);
        }
        return result;
    }

    public static Activity.Status status(String status) {
        return CrmRules.kind(Activity.Status.class, status, Activity.Status.PLANNED, "status");
    }

    public static Activity.Priority priority(String priority) {
        return CrmRules.kind(Activity.Priority.class, priority, Activity.Priority.NORMAL, "priority");
    }
}
